using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Catalog;

/// <summary>
/// Every overload of <see cref="XYieldCatalog"/> gives a transform that runs on a formula and a temperature; a reflection
/// check keeps the cases in step with the catalog.
/// </summary>
[TestFixture]
public sealed class XYieldCatalogTests
{
    private sealed class AlloyRow
    {
        public string Alloy { get; set; } = "";

        public string Formula { get; set; } = "";

        public float Temperature { get; set; }

        public float T_K { get; set; }

        public float YieldStrength { get; set; }
    }

    private static readonly MLContext Ml = new(seed: 0);

    private static readonly IDataView Data = Ml.Data.LoadFromEnumerable(new[]
    {
        new AlloyRow { Alloy = "MoNbTaW", Formula = "MoNbTaW", Temperature = 300, T_K = 300, YieldStrength = 1.05f },
        new AlloyRow { Alloy = "HfNbTaTiZr", Formula = "HfNbTaTiZr", Temperature = 1273.15f, T_K = 1273.15f, YieldStrength = 0.3f },
    });

    /// <summary>One overload: its signature, a call of it and the column it adds.</summary>
    public sealed record Overload(string Name, Func<IEstimator<ITransformer>> Create, string Output)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Overload> TransformOverloads()
    {
        var t = Ml.Transforms;
        yield return new("BinYieldStrength(TransformsCatalog, String, String, YieldStrengthUnit)", () => t.BinYieldStrength(), "Label");
        yield return new("BinYieldStrength(TransformsCatalog, Options)", () => t.BinYieldStrength(new YieldStrengthBinningEstimator.Options { EdgesGpa = [1.0] }), "Label");
        yield return new("FeaturizeComposition(TransformsCatalog, String, String, ElementSet)", () => t.FeaturizeComposition(), "Fractions");
        yield return new("FeaturizeComposition(TransformsCatalog, Options)", () => t.FeaturizeComposition(new CompositionFeaturizingEstimator.Options { Elements = ElementSet.All }), "Fractions");
        yield return new("FeaturizePseudoImage(TransformsCatalog, String, String, String, PseudoImageLayoutKind, Int32)",
            () => t.FeaturizeComposition().Append(t.FeaturizePseudoImage()), "Image");
        yield return new("FeaturizePseudoImage(TransformsCatalog, Options)",
            () => t.FeaturizeComposition().Append(t.FeaturizePseudoImage(new PseudoImageFeaturizingEstimator.Options { Layout = PseudoImageLayoutKind.Standard })), "Image");
        yield return new("FeaturizeAlloy(TransformsCatalog)", () => t.FeaturizeAlloy(), "Image");
        yield return new("FeaturizeAlloy(TransformsCatalog, Options, Options)", () => t.FeaturizeAlloy(
            new CompositionFeaturizingEstimator.Options { InputColumnName = "Alloy" },
            new PseudoImageFeaturizingEstimator.Options { TemperatureColumnName = "T_K", RandomizedLayoutSeed = 7 }), "Image");
        yield return new("LearnApplicabilityDomain(TransformsCatalog, String, String)", () => t.FeaturizeComposition().Append(t.LearnApplicabilityDomain()), "InDomain");
    }

    private static string Signature(MethodInfo method) =>
        $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";

    [Test]
    public void Every_public_overload_has_a_case_here()
    {
        var catalog = typeof(XYieldCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(Signature);
        Assert.That(TransformOverloads().Select(o => o.Name), Is.EquivalentTo(catalog));
    }

    [TestCaseSource(nameof(TransformOverloads))]
    public void Overload_fits_and_transforms(Overload overload)
    {
        var output = overload.Create().Fit(Data).Transform(Data);

        var column = output.Schema[overload.Output];
        var values = column.Type switch
        {
            KeyDataViewType => output.GetColumn<uint>(column.Name).Select(key => key >= 1 ? 1f : float.NaN).ToArray(),
            BooleanDataViewType => output.GetColumn<bool>(column.Name).Select(inside => inside ? 1f : float.NaN).ToArray(), // training rows are inside
            _ => output.GetColumn<float[]>(column.Name).Select(vector => vector.Sum()).ToArray(),
        };
        Assert.That(values, Has.Length.EqualTo(2).And.All.Positive, "one finite, non-empty value per row");
    }

    [Test]
    public void FeaturizeAlloy_with_options_gives_the_image_the_two_steps_give()
    {
        var composition = new CompositionFeaturizingEstimator.Options { InputColumnName = "Alloy" };
        var image = new PseudoImageFeaturizingEstimator.Options { TemperatureColumnName = "T_K", RandomizedLayoutSeed = 7 };

        var chained = Ml.Transforms.FeaturizeAlloy(composition, image).Fit(Data).Transform(Data).GetColumn<float[]>("Image").ToArray();
        var stepwise = Ml.Transforms.FeaturizeComposition("Fractions", "Alloy")
            .Append(Ml.Transforms.FeaturizePseudoImage(temperatureColumnName: "T_K", randomizedLayoutSeed: 7))
            .Fit(Data).Transform(Data).GetColumn<float[]>("Image").ToArray();

        Assert.That(chained, Is.EqualTo(stepwise));
        Assert.That(chained, Is.Not.EqualTo(Ml.Transforms.FeaturizeAlloy().Fit(Data).Transform(Data).GetColumn<float[]>("Image").ToArray()),
            "another layout seed, another image");
    }

    [Test]
    public void FeaturizeAlloy_with_options_refuses_steps_that_do_not_connect()
    {
        var composition = new CompositionFeaturizingEstimator.Options { OutputColumnName = "Amounts" };

        var e = Assert.Throws<ArgumentException>(() => Ml.Transforms.FeaturizeAlloy(composition, new PseudoImageFeaturizingEstimator.Options()));
        Assert.That(e!.Message, Does.Contain("'Fractions'").And.Contain("'Amounts'"));
        Assert.Throws<ArgumentNullException>(() => Ml.Transforms.FeaturizeAlloy(null!, new PseudoImageFeaturizingEstimator.Options()));
        Assert.Throws<ArgumentNullException>(() => Ml.Transforms.FeaturizeAlloy(composition, null!));
    }
}
