using System.Globalization;
using System.Text;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// The report's coefficient-search section (Bi-RPT under <c>--search</c>): for every method, task, split and candidate, its
/// cross-validated metric on the training parts, how often it was chosen, and the sparsity its fold fits learned. Every
/// number here comes from the training parts; the test parts never chose anything.
/// </summary>
internal static class SearchSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Appends the section; nothing when no run carries a search.</summary>
    public static void AppendSection(StringBuilder md, IReadOnlyList<RunResult> results, Func<string, string> displayName)
    {
        var searched = results.Where(r => r.Search is { Count: > 0 }).ToArray();
        if (searched.Length == 0)
        {
            return;
        }

        md.Append("## Coefficient search (cross-validation on the training parts)\n\n");
        md.Append("Each run chose its coefficients by 5-fold cross-validation on its own training part (folds hold whole compositions) ");
        md.Append("and was then trained on the whole training part with the choice. Per candidate: its CV metric, mean over the training ");
        md.Append("parts (seeds; cross-validation's folds count one each), how many of them chose it, and the joint sparsity its fold fits learned.\n\n");
        md.Append("| method | task | split | candidate | mean CV metric | chosen | joint sparsity |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var group in searched.GroupBy(r => (r.Method, r.Task, r.Split)).OrderBy(g => g.Key.Task).ThenBy(g => g.Key.Split).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            var entries = group.SelectMany(r => r.Search!).ToArray();
            var parts = entries.Count(e => e.Chosen);
            foreach (var candidate in entries.GroupBy(e => e.Candidate))
            {
                md.Append(Inv, $"| {displayName(group.Key.Method)} | {group.Key.Task} | {new BenchmarkSplit(group.Key.Split).Label} | {candidate.Key} | ");
                md.Append(Inv, $"{candidate.Average(e => e.CvMetric):0.0000} | {candidate.Count(e => e.Chosen)}/{parts} | {candidate.Average(e => e.JointSparsity):0.0 %} |\n");
            }
        }

        md.Append('\n');
    }
}
