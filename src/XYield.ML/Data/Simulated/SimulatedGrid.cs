using XYield.ML.Chemistry;

namespace XYield.ML.Data.Simulated;

/// <summary>
/// The X-Yield simulation grid (Chen et al., CPAL 2024, "Dataset Construction"): ternary and quaternary alloys of the
/// 11-element palette in 1 at.% steps, quinary to septenary alloys in 5 at.% steps, at 300…2500 K in 100 K steps.
/// Sizes are computed combinatorially (stars and bars), never by enumeration.
/// </summary>
public static class SimulatedGrid
{
    /// <summary>The smallest system order (ternary).</summary>
    public const int MinOrder = 3;

    /// <summary>The largest system order (septenary).</summary>
    public const int MaxOrder = 7;

    private static readonly double[] TemperatureValues = Enumerable.Range(0, 23).Select(i => 300.0 + 100 * i).ToArray();

    /// <summary>The 23 grid temperatures in K: 300, 400, …, 2500.</summary>
    public static IReadOnlyList<double> Temperatures => TemperatureValues;

    /// <summary>The composition step in at.% for systems of <paramref name="order"/> elements.</summary>
    public static int StepPercent(int order)
    {
        RequireOrder(order);
        return order <= 4 ? 1 : 5;
    }

    /// <summary>The grid's orders 3…7 with their exact sizes.</summary>
    public static IReadOnlyList<GridOrder> Orders(SimulatedGridVariant variant = SimulatedGridVariant.WithZeros)
    {
        var orders = new GridOrder[MaxOrder - MinOrder + 1];
        for (var k = MinOrder; k <= MaxOrder; k++)
        {
            var step = StepPercent(k);
            var n = 100 / step;
            var perSystem = variant switch
            {
                SimulatedGridVariant.WithZeros => Binomial(n + k - 1, k - 1),
                SimulatedGridVariant.StrictlyPositive => Binomial(n - 1, k - 1),
                _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown grid variant."),
            };
            var systems = Binomial(Palette.Count, k);
            orders[k - MinOrder] = new GridOrder(k, step, systems, perSystem, systems * perSystem * TemperatureValues.Length);
        }

        return orders;
    }

    /// <summary>The total number of points (compositions × temperatures) of the grid.</summary>
    public static long TotalPoints(SimulatedGridVariant variant = SimulatedGridVariant.WithZeros) => Orders(variant).Sum(o => o.Points);

    /// <summary>The binomial coefficient C(n, k), exact in 64 bits for the sizes used here.</summary>
    public static long Binomial(int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k < 0 || k > n)
        {
            return 0;
        }

        k = Math.Min(k, n - k);
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            // result · (n − k + i) is divisible by i at every step.
            result = checked(result * (n - k + i) / i);
        }

        return result;
    }

    internal static void RequireOrder(int order)
    {
        if (order < MinOrder || order > MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"The grid holds systems of {MinOrder} to {MaxOrder} elements.");
        }
    }
}
