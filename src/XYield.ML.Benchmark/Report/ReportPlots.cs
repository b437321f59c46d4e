using System.Globalization;
using ScottPlot;
using XYield.ML.Storage;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// The report's figures as PNG files (ScottPlot; SkiaSharp renders without a display). Each method keeps one colour and
/// marker across both figures and across reports.
/// </summary>
public static class ReportPlots
{
    private const int TemperatureWidth = 1250;
    private const int TemperatureHeight = 620;

    /// <summary>The side of a parity panel's data area in pixels.</summary>
    internal const int ParitySide = 300;

    // Room for tick labels, axis labels and the panel title around the square data area.
    private static readonly PixelPadding ParityPadding = new(left: 66, right: 18, bottom: 56, top: 34);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Fig. 3: per method and temperature range, a marker at the mean test MSE over seeds with error bars of ± one
    /// standard deviation across seeds (clipped at 0; none with one seed), the methods side by side within each range,
    /// nothing joining the ranges, and the test points per seed under each range.
    /// </summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="spread">Fig. 3's numbers (<see cref="BenchmarkTables.TemperatureSpread"/>).</param>
    /// <param name="displayName">Maps a method's short name to its table name.</param>
    public static void TemperatureErrors(string path, TemperatureSpread spread, Func<string, string> displayName)
    {
        using var plot = TemperaturePlot(spread, displayName);
        AtomicFile.Write(path, temporary => plot.SavePng(temporary, TemperatureWidth, TemperatureHeight));
    }

    /// <summary>
    /// The parity plot as small multiples: one square panel per method, predicted against measured yield strength with the
    /// line y = x, the same limits on both axes of every panel, and the MSE and R² of the panel's points written in it.
    /// </summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="byMethod">Per method short name, the test points to show (all seeds pooled).</param>
    /// <param name="displayName">Maps a method's short name to its table name.</param>
    public static void Parity(string path, IReadOnlyDictionary<string, IReadOnlyList<PointPrediction>> byMethod, Func<string, string> displayName)
    {
        var figure = ParityFigure(byMethod, displayName);
        try
        {
            AtomicFile.Write(path, temporary => figure.Figure.SavePng(temporary, figure.Width, figure.Height));
        }
        finally
        {
            figure.Dispose();
        }
    }

    /// <summary>Builds Fig. 3 (see <see cref="TemperatureErrors(string, TemperatureSpread, Func{string, string})"/>).</summary>
    internal static Plot TemperaturePlot(TemperatureSpread spread, Func<string, string> displayName)
    {
        ArgumentNullException.ThrowIfNull(spread);
        ArgumentNullException.ThrowIfNull(displayName);
        var plot = new Plot();
        var styles = MethodStyles.For(spread.ByMethod.Keys);
        var methods = spread.ByMethod.Keys.ToArray();
        // Methods side by side within a range's 0.8 units, so markers and bars of one range do not overlap.
        var step = 0.8 / Math.Max(methods.Length, 1);
        var top = 0.0;
        for (var m = 0; m < methods.Length; m++)
        {
            var style = styles[methods[m]];
            var offset = (m - ((methods.Length - 1) / 2.0)) * step;
            var cells = spread.ByMethod[methods[m]].Select((e, bin) => (Error: e, X: bin + offset)).Where(c => c.Error is not null).ToArray();
            var xs = cells.Select(c => c.X).ToArray();
            var means = cells.Select(c => c.Error!.Mean).ToArray();
            var above = cells.Select(c => c.Error!.StandardDeviation).ToArray();
            var below = cells.Select(c => Math.Min(c.Error!.StandardDeviation, c.Error.Mean)).ToArray();
            if (cells.Length > 0)
            {
                var bars = new ScottPlot.Plottables.ErrorBar(xs, means, null, null, above, below) { LineColor = style.Outline, LineWidth = 1.2f, CapSize = 4 };
                plot.Add.Plottable(bars);
                top = Math.Max(top, means.Zip(above).Max(p => p.First + p.Second));
            }

            var markers = plot.Add.Markers(xs, means, style.Marker, 8, style.Fill);
            Style(markers, style);
            markers.LegendText = displayName(methods[m]);
        }

        // A category axis: one tick per range, labelled with its edges and its test points per seed.
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var bin = 0; bin < spread.Bins.Count; bin++)
        {
            var b = spread.Bins[bin];
            ticks.AddMajor(bin, string.Create(Inv, $"{b.FromKelvin:0}–{b.ToKelvin:0}\n{b.CountLabel}"));
            if (bin > 0)
            {
                var separator = plot.Add.VerticalLine(bin - 0.5, 1, Colors.Gray.WithAlpha(0.35));
                separator.LinePattern = LinePattern.Dashed;
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Axes.SetLimits(-0.5, spread.Bins.Count - 0.5, 0, top > 0 ? top * 1.06 : 1);
        plot.Title("Test MSE by temperature range");
        plot.XLabel("Temperature range (K); n = test points per seed");
        plot.YLabel("Test MSE (GPa²), mean ± SD over seeds");
        // Outside the data area: with a dozen methods an inner legend hides points.
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Builds the parity figure (see <see cref="Parity"/>): the panels in a grid of about √n columns.</summary>
    internal static ParityFigure ParityFigure(IReadOnlyDictionary<string, IReadOnlyList<PointPrediction>> byMethod, Func<string, string> displayName)
    {
        ArgumentNullException.ThrowIfNull(byMethod);
        ArgumentNullException.ThrowIfNull(displayName);
        var methods = byMethod.Where(m => m.Value.Count > 0).Select(m => m.Key).ToArray();
        var styles = MethodStyles.For(methods);
        var all = methods.SelectMany(m => byMethod[m]).SelectMany(p => new[] { p.Actual, p.Predicted }).ToArray();
        var (low, high) = ParityLimits(all);
        var columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(methods.Length)));
        var rows = Math.Max(1, (int)Math.Ceiling(methods.Length / (double)columns));

        var panels = new List<ParityPanel>();
        var figure = new Multiplot();
        // A new Multiplot holds one empty plot.
        using (var initial = figure.Subplots.GetPlot(0))
        {
            figure.Subplots.RemoveAt(0);
        }

        if (methods.Length == 0)
        {
            var empty = new Plot();
            empty.Layout.Fixed(ParityPadding);
            empty.Title("No test points", 14);
            figure.AddPlot(empty);
            panels.Add(new ParityPanel("", empty, "", double.NaN, double.NaN));
        }

        for (var i = 0; i < methods.Length; i++)
        {
            var points = byMethod[methods[i]];
            var (mse, r2) = ParityMetrics(points);
            var plot = new Plot();
            plot.Layout.Fixed(ParityPadding);
            var diagonal = plot.Add.Line(low, low, high, high);
            diagonal.LineColor = Colors.Gray;
            diagonal.LineWidth = 1;
            var style = styles[methods[i]];
            var markers = plot.Add.Markers(points.Select(p => p.Actual).ToArray(), points.Select(p => p.Predicted).ToArray(), style.Marker, 5, style.Fill.WithAlpha(0.7));
            Style(markers, style with { Outline = style.Outline.WithAlpha(0.7) });
            var text = MetricsText(mse, r2, points.Count);
            var note = plot.Add.Annotation(text, Alignment.UpperLeft);
            note.LabelFontSize = 12;
            note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            note.LabelBorderColor = Colors.Gray;
            note.LabelShadowColor = Colors.Transparent;
            plot.Axes.SetLimits(low, high, low, high);
            plot.Axes.Bottom.TickGenerator = ParityTicks(low, high);
            plot.Axes.Left.TickGenerator = ParityTicks(low, high);
            plot.Title(displayName(methods[i]), 14);
            // Axis labels on the outer panels only; every panel keeps the same padding so all are the same square.
            plot.XLabel(i + columns >= methods.Length ? "Measured YS (GPa)" : "", 13);
            plot.YLabel(i % columns == 0 ? "Predicted YS (GPa)" : "", 13);
            figure.AddPlot(plot);
            panels.Add(new ParityPanel(methods[i], plot, text, mse, r2));
        }

        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        var width = columns * (int)(ParitySide + ParityPadding.Horizontal);
        var height = rows * (int)(ParitySide + ParityPadding.Vertical);
        return new ParityFigure(figure, width, height, low, high, panels);
    }

    /// <summary>The MSE (GPa²) and R² of predictions against measurements; R² is NaN when the measurements do not vary.</summary>
    internal static (double Mse, double R2) ParityMetrics(IReadOnlyList<PointPrediction> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var residual = points.Sum(p => (p.Predicted - p.Actual) * (p.Predicted - p.Actual));
        var mean = points.Average(p => p.Actual);
        var total = points.Sum(p => (p.Actual - mean) * (p.Actual - mean));
        return (residual / points.Count, total > 0 ? 1 - (residual / total) : double.NaN);
    }

    private static string MetricsText(double mse, double r2, int count) =>
        string.Create(Inv, $"MSE = {mse:0.0000} GPa²\nR² = {(double.IsNaN(r2) ? "n/a" : r2.ToString("0.000", Inv))}\nn = {count}");

    // Shared by every panel: from 0 (or the lowest value) to the highest, with a small margin so no marker is cut.
    private static (double Low, double High) ParityLimits(double[] values)
    {
        if (values.Length == 0)
        {
            return (0, 1);
        }

        var min = Math.Min(0, values.Min());
        var max = values.Max();
        var margin = 0.03 * Math.Max(max - min, 0.1);
        return (min - margin, max + margin);
    }

    // The same ticks on both axes of every panel: the roundest step giving at most six intervals.
    private static ScottPlot.TickGenerators.NumericManual ParityTicks(double low, double high)
    {
        double[] steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10];
        var step = steps.FirstOrDefault(s => (high - low) / s <= 6, steps[^1]);
        var format = step >= 1 ? "0" : step == 0.25 ? "0.00" : "0.0";
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var tick = Math.Ceiling(low / step) * step; tick <= high; tick += step)
        {
            // Rounds away the float drift of repeated additions, so "0.0" never prints as "-0.0".
            var value = Math.Round(tick / step) * step;
            ticks.AddMajor(value, (value == 0 ? 0 : value).ToString(format, Inv));
        }

        return ticks;
    }

    private static void Style(ScottPlot.Plottables.Markers markers, MethodStyle style)
    {
        markers.MarkerFillColor = style.Fill;
        markers.MarkerLineColor = style.Outline;
        markers.MarkerLineWidth = 1.2f;
    }
}

/// <summary>The parity figure's panels, ready to render at <see cref="Width"/> × <see cref="Height"/>.</summary>
/// <param name="Figure">The panels in their grid.</param>
/// <param name="Width">The image width in pixels.</param>
/// <param name="Height">The image height in pixels.</param>
/// <param name="Low">The lower axis limit of every panel, both axes (GPa).</param>
/// <param name="High">The upper axis limit of every panel, both axes (GPa).</param>
/// <param name="Panels">One per method, in the order given.</param>
internal sealed record ParityFigure(Multiplot Figure, int Width, int Height, double Low, double High, IReadOnlyList<ParityPanel> Panels) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var panel in Panels)
        {
            panel.Plot.Dispose();
        }
    }
}

/// <summary>One method's parity panel.</summary>
/// <param name="Method">The method's short name.</param>
/// <param name="Plot">The panel.</param>
/// <param name="Text">The metrics written in the panel.</param>
/// <param name="Mse">The MSE of its points, GPa².</param>
/// <param name="R2">The R² of its points (NaN when the measurements do not vary).</param>
internal sealed record ParityPanel(string Method, Plot Plot, string Text, double Mse, double R2);
