using System.Globalization;
using System.Text;
using XYield.ML.Models.Masking;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// The report's sparsity section (the paper's Fig. 5 as a table): for every sparse method, task and split, the fraction of
/// each layer's weights the joint mask m_s ⊙ m_t removes, and the totals of m_s, m_t and the joint mask, averaged over seeds.
/// </summary>
public static class SparsitySummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The layer-by-layer mean of several reports of the same network (e.g. cross-validation's folds).</summary>
    public static IReadOnlyList<LayerSparsity> Average(IReadOnlyList<SparsityReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports.SelectMany(r => r.Layers)
            .GroupBy(l => (l.Layer, l.WeightCount))
            .Select(g => new LayerSparsity(g.Key.Layer, g.Key.WeightCount, g.Average(l => l.Source), g.Average(l => l.Transfer), g.Average(l => l.Joint)))
            .ToArray();
    }

    /// <summary>Appends the section; nothing when no run carries a sparsity report.</summary>
    internal static void AppendSection(StringBuilder md, IReadOnlyList<RunResult> results, Func<string, string> displayName, string protocolWarning)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(results);
        var sparse = results.Where(r => r.Sparsity is { Count: > 0 }).ToArray();
        if (sparse.Length == 0)
        {
            return;
        }

        var layers = sparse[0].Sparsity!.Select(l => l.Layer).ToArray();
        md.Append("## Sparsity of the sparse methods (Fig. 5)\n\n").Append(protocolWarning);
        md.Append("Per layer: the fraction of weights the joint mask m_s ⊙ m_t removes. Totals weight each layer by its size; ");
        md.Append("m_s and m_t count the weights each mask removes on its own. Means over the seeds (seeds in brackets).\n\n");
        md.Append("| method | task | split | ").Append(string.Join(" | ", layers)).Append(" | total m_s | total m_t | total joint |\n");
        md.Append("| --- | --- | --- |").Append(string.Concat(layers.Select(_ => " --- |"))).Append(" --- | --- | --- |\n");
        foreach (var group in sparse.GroupBy(r => (r.Method, r.Task, r.Split)).OrderBy(g => g.Key.Task).ThenBy(g => g.Key.Split).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            var reports = group.Select(r => new SparsityReport(r.Sparsity!)).ToArray();
            var mean = new SparsityReport(Average(reports));
            var cells = layers.Select(name => Percent(mean.Layers.FirstOrDefault(l => l.Layer == name)?.Joint));
            md.Append(Inv, $"| {displayName(group.Key.Method)} | {group.Key.Task} | {new BenchmarkSplit(group.Key.Split).Label} ({reports.Length}) | {string.Join(" | ", cells)} | ");
            md.Append(Inv, $"{Percent(reports.Average(r => r.Source))} | {Percent(reports.Average(r => r.Transfer))} | {Percent(reports.Average(r => r.Joint))} |\n");
        }

        md.Append('\n');
    }

    private static string Percent(double? fraction) => fraction is { } f ? f.ToString("0.0 %", Inv) : "–";
}
