using System.Globalization;
using Spectre.Console;
using XYield.ML.Methods.HandTune;
using XYield.ML.Training;

namespace XYield.ML.Cli.Commands;

/// <summary>Prints a rounds search: one row per (N_s, N_t) with the kept weights, mean and per-fold CV metric; the best pair marked.</summary>
internal static class RoundsSearchTable
{
    public static void Write(PruningRoundsSearchResult search, double pruningRate)
    {
        var folds = search.ValidationRows.Count;
        var table = new Table().AddColumns("N_s", "N_t", "kept", $"mean CV {search.MetricName}").AddColumns(
            Enumerable.Range(1, folds).Select(f => new TableColumn(string.Create(CultureInfo.InvariantCulture, $"fold {f} ({search.ValidationRows[f - 1].Count})"))).ToArray());
        foreach (var score in search.Scores)
        {
            var best = score == search.Best;
            string Cell(string text) => best ? $"[bold]{text}[/]" : text;
            table.AddRow([
                Cell(Number(score.PretrainingRounds)),
                Cell(Number(score.TransferRounds)),
                Cell(score.KeptFraction(pruningRate).ToString("P1", CultureInfo.InvariantCulture)),
                Cell(Metric(score.Mean) + (best ? " ←" : "")),
                .. score.FoldMetrics.Select(Metric),
            ]);
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chosen by {folds}-fold CV on the training part: N_s = {search.Best.PretrainingRounds}, N_t = {search.Best.TransferRounds} (mean CV {search.MetricName} {Metric(search.Best.Mean)}); trained on the whole training part with it."));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Metric(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
