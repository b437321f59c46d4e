using System.Globalization;
using System.Text;
using XYield.ML.Evaluation;
using XYield.ML.Methods;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// Every method against a reference method, paired by seed (the same split of the same seed): the mean of the per-seed
/// differences (method − reference) with its 95 % interval, and on how many seeds the method did better. Pairing removes
/// the split-to-split variation both methods share, so a difference can be clear even when the two Table 2 intervals overlap.
/// </summary>
public static class PairedComparison
{
    /// <summary>The reference fixed before any result was seen: the random forest with the Maresca–Curtin feature, the classical peer to beat.</summary>
    public const string DefaultReference = "forest+mc";

    /// <summary>The paired rows for <paramref name="task"/>, one per method (but the reference) and split with at least two shared seeds.</summary>
    /// <param name="results">Completed runs.</param>
    /// <param name="task">"regression" or "classification".</param>
    /// <param name="reference">The reference method's short name.</param>
    public static IReadOnlyList<PairedRow> Against(IEnumerable<RunResult> results, string task, string reference = DefaultReference)
    {
        ArgumentNullException.ThrowIfNull(results);
        var runs = results.Where(r => r.Task == task).ToArray();
        var baseline = runs.Where(r => r.Method == reference).ToDictionary(r => (r.Split, r.Seed), r => r.Metric);
        var higherIsBetter = task == RunResult.Classification;
        return runs.Where(r => r.Method != reference && baseline.ContainsKey((r.Split, r.Seed)))
            .GroupBy(r => (r.Method, r.Split))
            .Where(g => g.Count() >= 2)
            .Select(g =>
            {
                var differences = g.Select(r => r.Metric - baseline[(r.Split, r.Seed)]).ToArray();
                var better = differences.Count(d => higherIsBetter ? d > 0 : d < 0);
                return new PairedRow(g.Key.Method, g.Key.Split, reference, MeanWithInterval.Of(differences), better);
            })
            .ToArray();
    }

    /// <summary>Pretrain-and-transfer, the dense fine-tune of the dense pre-trained network: what a sparse method must at least match.</summary>
    public static string DenseTransfer => YieldCnnMethod.PretrainAndTransfer.Name;

    /// <summary>
    /// The report's second comparison: every sparse method (a run with a sparsity report: pretrain-sparse, transfer-sparse,
    /// Hand-Tune, Bi-RPT) against pretrain-and-transfer, the dense fine-tune of the dense pre-trained network (pretrain-sparse
    /// and Hand-Tune start from the network IMP pruned during pre-training). Empty when either side did not run.
    /// </summary>
    internal static string SparseSection(IReadOnlyList<RunResult> results, Func<string, string> displayName)
    {
        var sparse = results.Where(r => r.Sparsity is { Count: > 0 }).Select(r => r.Method).ToHashSet(StringComparer.Ordinal);
        var runs = results.Where(r => r.Method == DenseTransfer || sparse.Contains(r.Method)).ToArray();
        return Section(runs, displayName, DenseTransfer, "each sparse method");
    }

    /// <summary>
    /// The report's third comparison: Bi-RPT against Hand-Tune, the paper's contribution against the method it improves on
    /// (both prune in both stages; Hand-Tune by magnitude, Bi-RPT by learned masks). Empty when either did not run.
    /// </summary>
    internal static string BiRptSection(IReadOnlyList<RunResult> results, Func<string, string> displayName)
    {
        var (biRpt, handTune) = (YieldCnnMethod.BiRpt.Name, YieldCnnMethod.HandTune.Name);
        var runs = results.Where(r => r.Method == biRpt || r.Method == handTune).ToArray();
        return Section(runs, displayName, handTune, displayName(biRpt));
    }

    /// <summary>The markdown section of the report for both tasks (empty when the reference did not run).</summary>
    internal static string Section(IReadOnlyList<RunResult> results, Func<string, string> displayName, string reference = DefaultReference, string compared = "each method")
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        foreach (var (task, metric, format) in new[] { (RunResult.Regression, "MSE (GPa²)", "0.0000"), (RunResult.Classification, "accuracy", "0.000") })
        {
            var rows = Against(results, task, reference);
            if (rows.Count == 0)
            {
                continue;
            }

            md.Append(inv, $"## Paired comparison ({task}): {compared} − {displayName(reference)}, test {metric}, by seed\n\n");
            md.Append(task == RunResult.Regression ? "Negative is better. " : "Positive is better. ")
                .Append("Mean of the per-seed differences ± the half-width of its 95 % interval (Student's t); an interval that excludes 0 is a clear difference.\n\n");
            md.Append("| method | split | difference | 95 % interval | better on seeds |\n| --- | --- | --- | --- | --- |\n");
            foreach (var row in rows.OrderBy(r => r.Split, StringComparer.Ordinal).ThenBy(r => r.Difference.Mean * (task == RunResult.Regression ? 1 : -1)))
            {
                var d = row.Difference;
                md.Append(inv, $"| {displayName(row.Method)} | {new BenchmarkSplit(row.Split).Label} | {d.Mean.ToString(format, inv)} | ")
                    .Append(d.Count > 1 ? string.Create(inv, $"[{(d.Mean - d.HalfWidth).ToString(format, inv)}, {(d.Mean + d.HalfWidth).ToString(format, inv)}]") : "n/a")
                    .Append(inv, $" | {row.Better} of {d.Count} |\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }
}

/// <summary>One method against the reference on one split.</summary>
/// <param name="Method">The method's short name.</param>
/// <param name="Split">The split name.</param>
/// <param name="Reference">The reference method's short name.</param>
/// <param name="Difference">Mean of (method − reference) over the shared seeds, with its 95 % interval and the seed count.</param>
/// <param name="Better">Seeds on which the method did better than the reference.</param>
public sealed record PairedRow(string Method, string Split, string Reference, MeanWithInterval Difference, int Better);
