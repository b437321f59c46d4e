using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Tests.Training;

/// <summary>
/// A small synthetic transfer problem on real 2 × 9 × 18 pseudo-images: a few element cells carry fractions,
/// channel 1 carries the temperature, and the target yield strength is a fixed non-linear function of both.
/// The source relation is a biased version of the target one (scaled and shifted), as simulated data is.
/// </summary>
internal static class SyntheticTwoDomainTask
{
    private static readonly int[] Cells = [40, 41, 42, 43, 44, 58, 59, 60, 61, 62, 76];

    /// <summary>A network small enough for fast tests.</summary>
    public static YieldCnnOptions SmallNetwork { get; } = new() { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 };

    public static (float[] Images, float[] Labels) Target(int count, int seed) => Generate(count, seed, source: false);

    public static (float[] Images, float[] Labels) Source(int count, int seed) => Generate(count, seed, source: true);

    public static TrainingSet Set((float[] Images, float[] Labels) data) =>
        TrainingSet.ForRegression(data.Images, data.Labels, ImageShape.PeriodicTable);

    public static double MeanSquaredError(float[] predictions, float[] labels)
    {
        Assert.That(predictions, Has.Length.EqualTo(labels.Length));
        return predictions.Zip(labels, (p, y) => (double)(p - y) * (p - y)).Average();
    }

    private static (float[] Images, float[] Labels) Generate(int count, int seed, bool source)
    {
        var random = new Random(seed);
        var size = ImageShape.PeriodicTable.Size;
        var cellsPerChannel = 9 * 18;
        var images = new float[count * size];
        var labels = new float[count];
        for (var row = 0; row < count; row++)
        {
            var image = images.AsSpan(row * size, size);
            var elements = random.Next(3, 6);
            var chosen = Cells.OrderBy(_ => random.Next()).Take(elements).ToArray();
            var weights = chosen.Select(_ => random.NextDouble() + 0.1).ToArray();
            var total = weights.Sum();
            var strength = 0.0;
            for (var i = 0; i < chosen.Length; i++)
            {
                var fraction = weights[i] / total;
                image[chosen[i]] = (float)fraction;
                strength += fraction * (0.5 + (Array.IndexOf(Cells, chosen[i]) * 0.15));
            }

            var temperature = random.NextDouble();
            image.Slice(cellsPerChannel, cellsPerChannel).Fill((float)temperature);
            var label = strength * (1.2 - (0.6 * temperature));
            labels[row] = (float)(source ? (0.8 * label) + 0.2 : label);
        }

        return (images, labels);
    }
}
