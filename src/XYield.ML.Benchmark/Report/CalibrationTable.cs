using System.Globalization;
using System.Text;
using XYield.ML.Evaluation;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// How trustworthy each uncertain method's standard deviations are on the test points (every split, all seeds pooled):
/// coverage of the nominal 68 % and 95 % intervals, mean Gaussian negative log-likelihood and the σ–error correlation.
/// </summary>
public static class CalibrationTable
{
    /// <summary>One row per method and split whose regression runs carry standard deviations.</summary>
    public static IReadOnlyList<CalibrationRow> Of(IEnumerable<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Where(r => r.Task == RunResult.Regression && r.Points.Count > 0 && r.Points.All(p => p.StandardDeviation is > 0))
            .GroupBy(r => (r.Method, r.Split))
            .Select(g =>
            {
                var points = g.SelectMany(r => r.Points).ToArray();
                return new CalibrationRow(g.Key.Method, g.Key.Split, g.Count(), Calibration.Of(
                    points.Select(p => p.Predicted).ToArray(), points.Select(p => p.StandardDeviation!.Value).ToArray(), points.Select(p => p.Actual).ToArray()));
            })
            .OrderBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Split, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The markdown section (empty when no method reports an uncertainty).</summary>
    internal static string Section(IReadOnlyList<RunResult> results, Func<string, string> displayName)
    {
        var rows = Of(results);
        if (rows.Count == 0)
        {
            return "";
        }

        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder("## Calibration of the predictive uncertainty (regression, test points of all seeds)\n\n");
        md.Append("A calibrated σ covers about 68 % of the points within ±1σ and 95 % within ±1.96σ; lower NLL is better; a positive σ–|error| correlation means σ ranks the risky predictions. The σ are the methods' own, not rescaled on test data.\n\n");
        md.Append("| method | split | seeds | points | within ±1σ | within ±1.96σ | mean NLL | corr(σ, abs error) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var row in rows)
        {
            var c = row.Calibration;
            md.Append(inv, $"| {displayName(row.Method)} | {new BenchmarkSplit(row.Split).Label} | {row.Seeds} | {c.Points} | {c.Coverage68:P1} | {c.Coverage95:P1} | {c.MeanNegativeLogLikelihood:0.###} | {c.UncertaintyErrorCorrelation:0.###} |\n");
        }

        return md.Append('\n').ToString();
    }
}

/// <summary>The calibration of one method on one split.</summary>
/// <param name="Method">The method's short name.</param>
/// <param name="Split">The split name.</param>
/// <param name="Seeds">Runs pooled.</param>
/// <param name="Calibration">The metrics over their test points.</param>
public sealed record CalibrationRow(string Method, string Split, int Seeds, Calibration Calibration);
