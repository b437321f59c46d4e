using ScottPlot;
using XYield.ML.Screening;
using XYield.ML.Storage;

namespace XYield.ML.Cli.Commands;

/// <summary>A chart of the screening table: predicted yield strength (± σ for an ensemble) and the Maresca–Curtin estimate per rank.</summary>
internal static class ScreeningPlot
{
    public static void Write(string path, ScreeningResult result)
    {
        using var plot = new Plot();
        var ranks = result.Candidates.Select(c => (double)c.Rank).ToArray();
        var bars = plot.Add.Bars(ranks, result.Candidates.Select(c => c.Mean).ToArray());
        bars.LegendText = "predicted YS";
        var outside = result.Candidates.Where(c => c.InDomain == false).ToArray();
        for (var i = 0; i < result.Candidates.Count; i++)
        {
            var c = result.Candidates[i];
            bars.Bars[i].FillColor = c.InDomain == false ? Colors.Orange : Colors.SteelBlue;
            if (!double.IsNaN(c.StandardDeviation))
            {
                bars.Bars[i].Error = c.StandardDeviation;
            }
        }

        var physics = plot.Add.ScatterPoints(ranks, result.Candidates.Select(c => c.MarescaCurtin).ToArray());
        physics.LegendText = "Maresca–Curtin estimate";
        physics.MarkerShape = MarkerShape.FilledDiamond;
        physics.Color = Colors.Black;
        physics.MarkerSize = 7;
        var temperatures = string.Join(", ", result.Candidates.Select(c => c.Temperature).Distinct().Order().Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
        plot.Title($"Top {result.Candidates.Count} by {result.Criterion} at {temperatures} K" + (outside.Length > 0 ? $" (orange: {outside.Length} outside the training domain)" : ""));
        plot.XLabel("Rank (see the table for compositions)");
        plot.YLabel("Yield strength (GPa)");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(Path.GetFullPath(path), temporary => plot.SavePng(temporary, 1000, 520));
        Console.Error.WriteLine($"plot written to {Path.GetFullPath(path)}");
    }
}
