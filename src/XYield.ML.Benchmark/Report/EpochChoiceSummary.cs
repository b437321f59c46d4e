using System.Globalization;
using System.Text;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// The report's section on cross-validated epoch choice ("pt-cv"): per method, task and split, the epochs the training
/// parts chose (median and range) and the mean CV metric at the chosen epoch against after the last one. Every number here
/// comes from the training parts.
/// </summary>
internal static class EpochChoiceSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Appends the section; nothing when no run chose its epoch.</summary>
    public static void AppendSection(StringBuilder md, IReadOnlyList<RunResult> results, Func<string, string> displayName)
    {
        var chosen = results.Where(r => r.EpochChoices is { Count: > 0 }).ToArray();
        if (chosen.Length == 0)
        {
            return;
        }

        md.Append("## Fine-tuning epoch chosen by cross-validation (training parts)\n\n");
        md.Append("Each run split its own training part into 5 folds (whole compositions per fold), trained each fold's rest for the full schedule, ");
        md.Append("scored the held fold after every epoch, and stopped the final model (trained on the whole training part) at the epoch with the best mean. ");
        md.Append("The test parts chose nothing. Per method, task and split: the chosen epochs over the training parts (seeds; cross-validation's folds count one each), ");
        md.Append("and the mean CV metric at the chosen epoch and after the last epoch (the chosen one is better on the folds by construction; Table 2 says whether it holds on the test points).\n\n");
        md.Append("| method | task | split | training parts | chosen epoch: median (range) of | mean CV metric, chosen | mean CV metric, last epoch |\n");
        md.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var group in chosen.GroupBy(r => (r.Method, r.Task, r.Split)).OrderBy(g => g.Key.Task).ThenBy(g => g.Key.Split).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            var choices = group.SelectMany(r => r.EpochChoices!).ToArray();
            var epochs = choices.Select(c => c.Epoch).Order().ToArray();
            var median = epochs.Length % 2 == 1 ? epochs[epochs.Length / 2] : (epochs[(epochs.Length / 2) - 1] + epochs[epochs.Length / 2]) / 2.0;
            md.Append(Inv, $"| {displayName(group.Key.Method)} | {group.Key.Task} | {new BenchmarkSplit(group.Key.Split).Label} | {choices.Length} | ");
            md.Append(Inv, $"{median:0.#} ({epochs[0]}–{epochs[^1]}) of {choices.Max(c => c.MaxEpoch)} | {choices.Average(c => c.CvMetric):0.0000} | {choices.Average(c => c.LastEpochCvMetric):0.0000} |\n");
        }

        md.Append('\n');
    }
}
