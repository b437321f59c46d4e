using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using XYield.ML.Data.Simulated;

namespace XYield.ML.Evaluation;

/// <summary>
/// A mean over repeated runs (seeds) with its two-sided 95 % confidence interval from Student's t distribution,
/// as the paper reports results ("mean ± 95 % CI" over 10 seeds).
/// </summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="HalfWidth">Half the interval width: t(0.975, n−1) · s / √n; 0 for a single run.</param>
/// <param name="Count">The number of runs.</param>
public readonly record struct MeanWithInterval(double Mean, double HalfWidth, int Count)
{
    /// <summary>The mean and 95 % interval of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MeanWithInterval Of(IEnumerable<double> values, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A mean needs at least one value.", nameof(values));
        }

        if (list.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every value must be finite.", nameof(values));
        }

        if (list.Length == 1)
        {
            return new MeanWithInterval(list[0], 0, 1);
        }

        var t = StudentT.InvCDF(0, 1, list.Length - 1, 1 - ((1 - confidence) / 2));
        return new MeanWithInterval(list.Mean(), t * list.StandardDeviation() / Math.Sqrt(list.Length), list.Length);
    }

    /// <summary>"0.0421 ± 0.0035" with the given number format; "0.0421 ± n/a" for one run, which has no interval.</summary>
    public string ToString(string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {(Count > 1 ? HalfWidth.ToString(format, CultureInfo.InvariantCulture) : "n/a")}");

    /// <inheritdoc />
    public override string ToString() => ToString("0.0000");
}
