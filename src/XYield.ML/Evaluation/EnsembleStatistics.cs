using MathNet.Numerics.Statistics;

namespace XYield.ML.Evaluation;

/// <summary>
/// An ensemble of models (one per seed) as a predictor with uncertainty (the paper's Table 12): the mean prediction,
/// the standard deviation across members as the uncertainty, and how well that uncertainty tracks the error.
/// </summary>
public sealed class EnsembleStatistics
{
    private EnsembleStatistics(double[] mean, double[] uncertainty, double mse, double correlation)
    {
        Mean = mean;
        Uncertainty = uncertainty;
        MeanSquaredError = mse;
        UncertaintyErrorCorrelation = correlation;
    }

    /// <summary>The mean prediction per point.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>The standard deviation of the members' predictions per point (sample, n − 1).</summary>
    public IReadOnlyList<double> Uncertainty { get; }

    /// <summary>The MSE of the mean prediction.</summary>
    public double MeanSquaredError { get; }

    /// <summary>Pearson correlation between the uncertainty and the absolute error of the mean prediction (NaN when either is constant).</summary>
    public double UncertaintyErrorCorrelation { get; }

    /// <summary>Combines members' predictions (<c>members[m][i]</c> = member m on point i) against the actual values.</summary>
    public static EnsembleStatistics Of(IReadOnlyList<IReadOnlyList<double>> members, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(actual);
        if (members.Count < 2)
        {
            throw new ArgumentException("An ensemble needs at least two members to measure spread.", nameof(members));
        }

        if (members.Any(m => m.Count != actual.Count))
        {
            throw new ArgumentException($"Every member must predict the {actual.Count} points.", nameof(members));
        }

        var mean = new double[actual.Count];
        var spread = new double[actual.Count];
        for (var i = 0; i < actual.Count; i++)
        {
            var column = members.Select(m => m[i]).ToArray();
            mean[i] = column.Mean();
            spread[i] = column.StandardDeviation();
        }

        var absoluteError = mean.Zip(actual, (p, a) => Math.Abs(p - a)).ToArray();
        return new EnsembleStatistics(mean, spread, Metrics.MeanSquaredError(mean, actual), Correlation.Pearson(spread, absoluteError));
    }
}
