using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Tests.Workout;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Transforms.PseudoImage;

[TestFixture]
public sealed class PseudoImageFeaturizingTests
{
    private sealed class AlloyRow
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }

    private sealed class ImagePrediction
    {
        [VectorType(2, 9, 18)]
        public float[] Image { get; set; } = [];
    }

    private static readonly AlloyRow[] Alloys =
    [
        new() { Formula = "Mo25Nb25Ta25Zr25", Temperature = 1273.15f },
        new() { Formula = "Al0.5CrNbTi", Temperature = 296.15f },
        new() { Formula = "HfMoNbTaTiZr", Temperature = 873.15f },
    ];

    private static EstimatorChain<PseudoImageFeaturizingTransformer> Pipeline(MLContext ml, PseudoImageLayoutKind layout = PseudoImageLayoutKind.Standard, int seed = 0) =>
        ml.Transforms.FeaturizeComposition().Append(ml.Transforms.FeaturizePseudoImage(layout: layout, randomizedLayoutSeed: seed));

    [Test]
    public void Formulas_become_images_with_known_dimensions_and_slot_names()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(Alloys);

        var output = Pipeline(ml).Fit(data).Transform(data);

        var column = output.Schema["Image"];
        Assert.That(column.Type, Is.EqualTo(new VectorDataViewType(NumberDataViewType.Single, 2, 9, 18)));
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        var slots = names.DenseValues().Select(n => n.ToString()).ToArray();
        Assert.That(slots[(4 * 18) + 5], Is.EqualTo("F:Mo"));
        Assert.That(slots[162], Is.EqualTo("T:r0c0"));

        var images = output.GetColumn<float[]>("Image").ToArray();
        var expected = new PseudoImageEncoder(PseudoImageLayout.Standard);
        for (var i = 0; i < Alloys.Length; i++)
        {
            Assert.That(images[i], Is.EqualTo(expected.Encode(Composition.Parse(Alloys[i].Formula), Alloys[i].Temperature)).Within(1e-6f), Alloys[i].Formula);
        }
    }

    [Test]
    public void Rptr_shuffle_is_saved_and_reproduced_in_a_fresh_process()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(Alloys);
        var model = Pipeline(ml, PseudoImageLayoutKind.Randomized, seed: 17).Fit(data);

        var mixedWithMlNet = model.Append(ml.Transforms.NormalizeMinMax("ImageScaled", "Image").Fit(model.Transform(data)));

        FreshProcessModel.AssertSameOutput(ml, mixedWithMlNet, data);
    }

    [Test]
    public void Estimator_workout_on_fractions_and_temperature()
    {
        var ml = new MLContext(seed: 0);
        var fractions = ml.Transforms.FeaturizeComposition().Fit(ml.Data.LoadFromEnumerable(Alloys)).Transform(ml.Data.LoadFromEnumerable(Alloys));
        var wrongTemperature = ml.Data.LoadFromEnumerable(Alloys.Select(a => new { a.Formula, Temperature = a.Formula }));
        var invalid = ml.Transforms.FeaturizeComposition().Fit(wrongTemperature).Transform(wrongTemperature);

        var (transformer, _) = EstimatorWorkout.Run(
            ml.Transforms.FeaturizePseudoImage(randomizedLayoutSeed: 5), fractions, invalid, "'Temperature'", "String", "expected a scalar Single or Double temperature");

        Assert.That(transformer.Layout, Is.EqualTo(PseudoImageLayout.Randomized(5)));
    }

    [Test]
    public void Missing_fractions_column_is_named_with_what_is_present()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(Alloys);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.FeaturizePseudoImage().Fit(data));

        Assert.That(e!.Message, Does.Contain("'Fractions' was not found").And.Contain("Columns present: Formula, Temperature"));
    }

    [Test]
    public void Negative_temperature_fails_with_its_row()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { Alloys[0], new AlloyRow { Formula = "MoNb", Temperature = -5 } });

        var output = Pipeline(ml).Fit(data).Transform(data);

        var e = Assert.Throws<InvalidDataException>(() => output.GetColumn<float[]>("Image").ToArray());
        Assert.That(e!.Message, Does.Contain("'Temperature' holds -5 at row 1").And.Contain("≥ 0 K"));
    }

    [Test]
    public void PredictionEngine_and_DataFrame_work()
    {
        var ml = new MLContext(seed: 0);
        var model = Pipeline(ml).Fit(ml.Data.LoadFromEnumerable(Alloys));

        var engine = ml.Model.CreatePredictionEngine<AlloyRow, ImagePrediction>(model);
        var image = engine.Predict(Alloys[0]).Image;
        Assert.That(image, Has.Length.EqualTo(324));
        Assert.That(image[(4 * 18) + 5], Is.EqualTo(0.25f));

        var frame = new DataFrame(
            new StringDataFrameColumn("Formula", Alloys.Select(a => a.Formula)),
            new SingleDataFrameColumn("Temperature", Alloys.Select(a => a.Temperature)));
        var fromFrame = model.Transform(frame).ToDataFrame(-1);
        Assert.That(fromFrame.Rows, Has.Count.EqualTo(3));
        Assert.That(fromFrame.Columns.Select(c => c.Name), Does.Contain("Image"));
    }
}
