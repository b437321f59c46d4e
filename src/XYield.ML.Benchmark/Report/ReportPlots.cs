using ScottPlot;
using XYield.ML.Evaluation;
using XYield.ML.Storage;

namespace XYield.ML.Benchmark.Report;

/// <summary>The report's figures as PNG files (ScottPlot; SkiaSharp renders without a display).</summary>
public static class ReportPlots
{
    private const int Width = 1150;
    private const int Height = 560;

    /// <summary>Fig. 3: test MSE per temperature range, one line per method, plotted at the range midpoints.</summary>
    public static void TemperatureErrors(string path, IReadOnlyDictionary<string, IReadOnlyList<TemperatureRangeError>> byMethod, Func<string, string> displayName)
    {
        using var plot = new Plot();
        foreach (var (method, ranges) in byMethod)
        {
            var line = plot.Add.Scatter(
                ranges.Select(r => (r.FromKelvin + r.ToKelvin) / 2).ToArray(),
                ranges.Select(r => r.MeanSquaredError).ToArray());
            line.LegendText = displayName(method);
        }

        plot.Title("Test MSE by temperature range");
        plot.XLabel("Temperature (K), range midpoint");
        plot.YLabel("Test MSE (GPa²)");
        // Outside the data area: with a dozen methods an inner legend hides points.
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temporary => plot.SavePng(temporary, Width, Height));
    }

    /// <summary>Parity plot: predicted against measured yield strength per method, with the line of perfect prediction.</summary>
    public static void Parity(string path, IReadOnlyDictionary<string, IReadOnlyList<PointPrediction>> byMethod, Func<string, string> displayName)
    {
        using var plot = new Plot();
        var limit = byMethod.Values.SelectMany(p => p).SelectMany(p => new[] { p.Actual, p.Predicted }).DefaultIfEmpty(1).Max();
        var diagonal = plot.Add.Line(0, 0, limit, limit);
        diagonal.LineColor = Colors.Gray;
        diagonal.LegendText = "y = x";
        foreach (var (method, points) in byMethod)
        {
            var markers = plot.Add.ScatterPoints(points.Select(p => p.Actual).ToArray(), points.Select(p => p.Predicted).ToArray());
            markers.LegendText = displayName(method);
            markers.MarkerSize = 4;
        }

        plot.Title("Predicted vs measured yield strength (test points)");
        plot.XLabel("Measured YS (GPa)");
        plot.YLabel("Predicted YS (GPa)");
        // Outside the data area: with a dozen methods an inner legend hides points.
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temporary => plot.SavePng(temporary, Width, Height));
    }
}
