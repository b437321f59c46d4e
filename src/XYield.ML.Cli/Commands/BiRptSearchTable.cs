using System.Globalization;
using Spectre.Console;
using XYield.ML.Methods.BiRpt;

namespace XYield.ML.Cli.Commands;

/// <summary>Prints a Bi-RPT coefficient search: one row per candidate with its learned sparsity, mean and per-fold CV metric; the chosen one marked.</summary>
internal static class BiRptSearchTable
{
    public static void Write(BiRptSearchResult search)
    {
        var folds = search.ValidationRows.Count;
        var table = new Table().AddColumns("candidate", "joint sparsity", $"mean CV {search.MetricName}").AddColumns(
            Enumerable.Range(1, folds).Select(f => new TableColumn(string.Create(CultureInfo.InvariantCulture, $"fold {f} ({search.ValidationRows[f - 1].Count})"))).ToArray());
        foreach (var score in search.Scores)
        {
            var best = score == search.Best;
            string Cell(string text) => best ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text);
            table.AddRow([
                Cell(score.Label),
                Cell(score.MeanJointSparsity.ToString("P1", CultureInfo.InvariantCulture)),
                Cell(Metric(score.Mean) + (best ? " ←" : "")),
                .. score.FoldMetrics.Select(Metric),
            ]);
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chosen by {folds}-fold CV on the training part: {search.Best.Label} (mean CV {search.MetricName} {Metric(search.Best.Mean)}); trained on the whole training part with it."));
    }

    private static string Metric(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
