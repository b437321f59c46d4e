using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace XYield.ML.Evaluation;

/// <summary>
/// How trustworthy a predictive uncertainty is on test points with known values: the coverage of the nominal 68 % and
/// 95 % intervals (mean ± 1σ, ± 1.96σ), the mean Gaussian negative log-likelihood, and the correlation between σ and the
/// absolute error. A calibrated σ covers about 68 % and 95 % of the points; a σ that is too small covers fewer.
/// </summary>
/// <param name="Points">Points assessed.</param>
/// <param name="Coverage68">Fraction of points with |y − μ| ≤ σ.</param>
/// <param name="Coverage95">Fraction of points with |y − μ| ≤ 1.96 σ.</param>
/// <param name="MeanNegativeLogLikelihood">Mean of −log N(y; μ, σ²), in nats (lower is better; σ in the unit of y).</param>
/// <param name="UncertaintyErrorCorrelation">Pearson correlation between σ and |y − μ| (NaN when either is constant).</param>
public sealed record Calibration(int Points, double Coverage68, double Coverage95, double MeanNegativeLogLikelihood, double UncertaintyErrorCorrelation)
{
    /// <summary>The half-width of the nominal 95 % interval in standard deviations.</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>Assesses predictions μ ± σ against the actual values.</summary>
    /// <param name="mean">Predicted means.</param>
    /// <param name="standardDeviation">Predicted standard deviations (each &gt; 0).</param>
    /// <param name="actual">The measured values.</param>
    /// <exception cref="ArgumentException">Lengths differ, no points, or a σ that is not positive and finite.</exception>
    public static Calibration Of(IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        ArgumentNullException.ThrowIfNull(actual);
        if (mean.Count != actual.Count || standardDeviation.Count != actual.Count || actual.Count == 0)
        {
            throw new ArgumentException("Calibration needs as many means and standard deviations as actual values, and at least one point.");
        }

        if (standardDeviation.Any(s => !(s > 0) || !double.IsFinite(s)))
        {
            throw new ArgumentException("Every standard deviation must be positive and finite (calibrate a zero spread first).", nameof(standardDeviation));
        }

        int inside68 = 0, inside95 = 0;
        var nll = 0.0;
        var errors = new double[actual.Count];
        for (var i = 0; i < actual.Count; i++)
        {
            var error = Math.Abs(actual[i] - mean[i]);
            var z = error / standardDeviation[i];
            inside68 += z <= 1 ? 1 : 0;
            inside95 += z <= Z95 ? 1 : 0;
            nll += (0.5 * Math.Log(2 * Math.PI)) + Math.Log(standardDeviation[i]) + (0.5 * z * z);
            errors[i] = error;
        }

        var n = actual.Count;
        return new Calibration(n, (double)inside68 / n, (double)inside95 / n, nll / n, Correlation.Pearson(standardDeviation, errors));
    }

    /// <summary>
    /// The factor s that makes s·σ calibrated on held-out predictions in the maximum-likelihood sense: s² = mean((y − μ)² / σ²).
    /// Fit it on cross-validation predictions of the training part, never on test points, then multiply test σ by it.
    /// </summary>
    /// <param name="mean">Held-out predicted means.</param>
    /// <param name="standardDeviation">Their raw standard deviations (each &gt; 0).</param>
    /// <param name="actual">The held-out measured values.</param>
    public static double ScaleFactor(IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        ArgumentNullException.ThrowIfNull(actual);
        if (mean.Count != actual.Count || standardDeviation.Count != actual.Count || actual.Count == 0)
        {
            throw new ArgumentException("The scale needs as many means and standard deviations as actual values, and at least one point.");
        }

        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var s = standardDeviation[i];
            if (!(s > 0) || !double.IsFinite(s))
            {
                throw new ArgumentException("Every standard deviation must be positive and finite.", nameof(standardDeviation));
            }

            var z = (actual[i] - mean[i]) / s;
            sum += z * z;
        }

        return Math.Sqrt(sum / actual.Count);
    }
}
