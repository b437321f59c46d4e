using Microsoft.Data.Analysis;
using Microsoft.ML;
using XYield.ML.Chemistry;
using XYield.ML.Data;
using XYield.ML.Models;
using XYield.ML.Physics;

namespace XYield.ML.Data.Simulated;

/// <summary>
/// The X-Yield simulated ("low-quality") data set: points drawn uniformly from the paper's composition grid (grid B,
/// <see cref="SimulatedGridVariant.WithZeros"/>, by default) and labelled with the Maresca–Curtin yield strength (Chen et al., CPAL 2024).
/// </summary>
public static class SimulatedDataset
{
    /// <summary>The size of the default simulated training set, as in the paper: 100,000 points.</summary>
    public const int DefaultCount = 100_000;

    /// <summary>Name of the vector column of palette-ordered fractions.</summary>
    public const string FractionsColumnName = "Fractions";

    /// <summary>Name of the temperature column (K).</summary>
    public const string TemperatureColumnName = "Temperature";

    /// <summary>Name of the yield-strength column (GPa).</summary>
    public const string YieldStrengthColumnName = "YieldStrength";

    /// <summary>A streaming view of <paramref name="count"/> sampled points; see <see cref="SimulatedDataView"/>.</summary>
    public static SimulatedDataView CreateDataView(long count = DefaultCount, int seed = 0,
        SimulatedGridVariant variant = SimulatedGridVariant.WithZeros, MarescaCurtinModel? model = null) =>
        new(count, seed, variant, model);

    /// <summary>
    /// <paramref name="count"/> sampled points as a CNN's source data: the <see cref="CreateDataView"/> points with their
    /// pseudo-image (<c>FeaturizePseudoImage()</c>'s defaults: RPTR, column "Image") and, for classification, the key-typed
    /// class label (<see cref="YieldLabels.WithLabel"/>). This is what pre-training and Mix Training learn from.
    /// </summary>
    /// <param name="ml">The context.</param>
    /// <param name="task">Regression (label "YieldStrength", GPa) or classification (label "Label").</param>
    /// <param name="count">The number of points.</param>
    /// <param name="seed">The seed of the draw.</param>
    public static IDataView CreateImages(MLContext ml, YieldTask task, int count = DefaultCount, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var simulated = CreateDataView(count, seed);
        return YieldLabels.WithLabel(ml, ml.Transforms.FeaturizePseudoImage().Fit(simulated).Transform(simulated), task);
    }

    /// <summary>
    /// The same points as <see cref="CreateDataView"/>, materialised as a <see cref="DataFrame"/> for small counts: one Single
    /// column per palette element (named by its symbol), then <c>Temperature</c> (K) and <c>YieldStrength</c> (GPa).
    /// One column per element, because DataFrame turns vector columns into variable-size vectors.
    /// </summary>
    public static DataFrame ToDataFrame(int count = DefaultCount, int seed = 0,
        SimulatedGridVariant variant = SimulatedGridVariant.WithZeros, MarescaCurtinModel? model = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        model ??= new MarescaCurtinModel();
        var sampler = new SimulatedGridSampler(seed, variant);
        var elements = Palette.Symbols.Select(s => new SingleDataFrameColumn(s, count)).ToArray();
        var temperature = new SingleDataFrameColumn(TemperatureColumnName, count);
        var strength = new SingleDataFrameColumn(YieldStrengthColumnName, count);
        Span<double> fractions = stackalloc double[Palette.Count];
        for (var row = 0; row < count; row++)
        {
            var t = sampler.Next(fractions);
            for (var i = 0; i < Palette.Count; i++)
            {
                elements[i][row] = (float)fractions[i];
            }

            temperature[row] = (float)t;
            strength[row] = (float)(model.YieldStrength(fractions, t) / 1000);
        }

        return new DataFrame([.. elements, temperature, strength]);
    }
}
