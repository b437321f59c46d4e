namespace XYield.ML.Evaluation;

/// <summary>
/// The X-Yield benchmark's metrics (Chen et al., CPAL 2024): test MSE in GPa², accuracy on the five yield-strength classes,
/// and MSE by temperature (the paper's Fig. 3).
/// </summary>
public static class Metrics
{
    /// <summary>Mean squared error.</summary>
    public static double MeanSquaredError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        CheckPairs(predicted, actual);
        return predicted.Zip(actual).Average(p => (p.First - p.Second) * (p.First - p.Second));
    }

    /// <summary>The fraction of predicted classes equal to the actual ones.</summary>
    public static double Accuracy(IReadOnlyList<int> predicted, IReadOnlyList<int> actual)
    {
        CheckPairs(predicted, actual);
        return predicted.Zip(actual).Count(p => p.First == p.Second) / (double)predicted.Count;
    }

    /// <summary>
    /// MSE within temperature ranges (the paper's Fig. 3): each point goes to the range [edges[i], edges[i+1]) that
    /// holds its temperature; ranges without points are left out.
    /// </summary>
    public static IReadOnlyList<TemperatureRangeError> MeanSquaredErrorByTemperature(
        IReadOnlyList<double> predicted, IReadOnlyList<double> actual, IReadOnlyList<double> kelvin, IReadOnlyList<double> edges)
    {
        CheckPairs(predicted, actual);
        CheckPairs(predicted, kelvin);
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count < 2 || edges.Zip(edges.Skip(1)).Any(p => !(p.Second > p.First)))
        {
            throw new ArgumentException("Temperature edges must be at least two increasing values.", nameof(edges));
        }

        var result = new List<TemperatureRangeError>();
        for (var r = 0; r + 1 < edges.Count; r++)
        {
            var inRange = Enumerable.Range(0, kelvin.Count).Where(i => kelvin[i] >= edges[r] && kelvin[i] < edges[r + 1]).ToList();
            if (inRange.Count > 0)
            {
                var mse = inRange.Average(i => (predicted[i] - actual[i]) * (predicted[i] - actual[i]));
                result.Add(new TemperatureRangeError(edges[r], edges[r + 1], inRange.Count, mse));
            }
        }

        return result;
    }

    private static void CheckPairs<TA, TB>(IReadOnlyList<TA> a, IReadOnlyList<TB> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"{a.Count} predictions but {b.Count} reference values; they pair up one to one.");
        }

        if (a.Count == 0)
        {
            throw new ArgumentException("A metric needs at least one point.");
        }
    }
}

/// <summary>The test MSE of the points in one temperature range.</summary>
/// <param name="FromKelvin">Lower edge (inclusive).</param>
/// <param name="ToKelvin">Upper edge (exclusive).</param>
/// <param name="Count">Points in the range.</param>
/// <param name="MeanSquaredError">Their MSE, GPa².</param>
public sealed record TemperatureRangeError(double FromKelvin, double ToKelvin, int Count, double MeanSquaredError);
