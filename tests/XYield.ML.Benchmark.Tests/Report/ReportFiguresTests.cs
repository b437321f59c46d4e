using System.Buffers.Binary;
using ScottPlot;
using ScottPlot.Plottables;
using XYield.ML.Benchmark.Report;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests.Report;

[TestFixture]
public sealed class ReportFiguresTests
{
    [Test]
    public void Every_method_gets_its_own_colour_and_marker()
    {
        var styles = MethodStyles.For(BenchmarkMethods.Names);

        var count = BenchmarkMethods.Names.Count;
        Assert.That(count, Is.GreaterThanOrEqualTo(15), "seven tree/physics baselines, the GP, seven CNN methods");
        Assert.That(styles.Values.Select(s => s.Fill).Distinct().Count(), Is.EqualTo(count), "a colour per method");
        Assert.That(styles.Values.Select(s => (s.Fill, s.Marker)).Distinct().Count(), Is.EqualTo(count));
        // Category20 pairs a strong and a light tone of each hue; the light one never repeats its partner's shape.
        foreach (var light in Enumerable.Range(10, MethodStyles.Count - 10))
        {
            Assert.That(MethodStyles.At(light).Marker, Is.Not.EqualTo(MethodStyles.At(light - 10).Marker), $"style {light}");
            Assert.That(MethodStyles.At(light).Outline, Is.EqualTo(MethodStyles.At(light - 10).Fill), "outlined in the partner's colour");
        }

        Assert.That(Enumerable.Range(0, MethodStyles.Count).Select(MethodStyles.At).Distinct().Count(), Is.EqualTo(20));
    }

    [Test]
    public void A_method_keeps_its_style_whatever_else_is_in_the_report()
    {
        var all = MethodStyles.For(BenchmarkMethods.Names);

        Assert.That(MethodStyles.For(["birpt"])["birpt"], Is.EqualTo(all["birpt"]));
        Assert.That(MethodStyles.For(["lgbm", "birpt"])["lgbm"], Is.EqualTo(all["lgbm"]));
        // Unknown names take positions the report's known methods leave free.
        var mixed = MethodStyles.For(["lgbm", "zeta", "alpha"]);
        Assert.That(mixed.Values.Distinct().Count(), Is.EqualTo(3));
        Assert.That(mixed["alpha"], Is.EqualTo(MethodStyles.At(0)), "ordinal order, first free position");
    }

    [Test]
    public void Both_figures_draw_a_method_with_the_same_colour_and_marker()
    {
        var results = SmallResults();
        using var temperature = ReportPlots.TemperaturePlot(BenchmarkTables.TemperatureSpread(results, "10"), BenchmarkMethods.DisplayName);
        using var parity = ReportPlots.ParityFigure(ParityInput(results), BenchmarkMethods.DisplayName);

        foreach (var method in new[] { "mc", "lgbm" })
        {
            var fig3 = temperature.GetPlottables<Markers>().Single(m => m.LegendText == BenchmarkMethods.DisplayName(method));
            var panel = parity.Panels.Single(p => p.Method == method).Plot.GetPlottables<Markers>().Single();
            Assert.That(panel.MarkerShape, Is.EqualTo(fig3.MarkerShape), method);
            Assert.That(panel.MarkerFillColor.WithAlpha(255), Is.EqualTo(fig3.MarkerFillColor.WithAlpha(255)), method);
        }
    }

    [Test]
    public void Parity_panels_are_equal_squares_with_the_same_limits_and_their_metrics()
    {
        var folder = Directory.CreateTempSubdirectory("xyield-parity-").FullName;
        try
        {
            PointPrediction[] measured = [.. new[] { 0.2, 0.6, 1.0, 1.4, 2.2 }.Select((gpa, i) => Prediction("MoNbTaTi", 300 + (100 * i), gpa, gpa))];
            var byMethod = new Dictionary<string, IReadOnlyList<PointPrediction>>
            {
                ["lgbm"] = [.. measured.Select(p => p with { Predicted = p.Actual + 0.1 })],
                ["np"] = [.. measured.Select(p => p with { Predicted = 1.0 })],
                ["birpt"] = [.. measured.Select(p => p with { Predicted = -0.3 + p.Actual })],
            };

            using var figure = ReportPlots.ParityFigure(byMethod, BenchmarkMethods.DisplayName);
            using (figure.Figure.Render(figure.Width, figure.Height))
            {
            }

            Assert.That(figure.Panels.Select(p => p.Method), Is.EqualTo(byMethod.Keys));
            // From birpt's lowest prediction (−0.1) to lgbm's highest (2.3), with a 3 % margin.
            Assert.That(figure.Low, Is.EqualTo(-0.1 - (0.03 * 2.4)).Within(1e-12));
            Assert.That(figure.High, Is.EqualTo(2.3 + (0.03 * 2.4)).Within(1e-12));
            foreach (var panel in figure.Panels)
            {
                var data = panel.Plot.LastRender.DataRect;
                Assert.That((data.Width, data.Height), Is.EqualTo((ReportPlots.ParitySide, ReportPlots.ParitySide)).Within(0.5), $"{panel.Method}: a square data area");
                var limits = panel.Plot.Axes.GetLimits();
                Assert.That(new[] { limits.Left, limits.Bottom }, Is.All.EqualTo(figure.Low).Within(1e-12), panel.Method);
                Assert.That(new[] { limits.Right, limits.Top }, Is.All.EqualTo(figure.High).Within(1e-12), panel.Method);
                Assert.That(panel.Plot.GetPlottables<Annotation>().Single().Text, Is.EqualTo(panel.Text));
            }

            // Measured values 0.2 … 2.2: mean 1.08, sum of squares about the mean 2.368.
            Assert.That(figure.Panels[0].Text, Is.EqualTo("MSE = 0.0100 GPa²\nR² = 0.979\nn = 5"), "1 − 5 · 0.01 / 2.368");
            Assert.That(figure.Panels[1].Mse, Is.EqualTo(0.48).Within(1e-12));
            Assert.That(figure.Panels[1].R2, Is.EqualTo(1 - (2.4 / 2.368)).Within(1e-12), "a constant prediction off the mean: below 0");
            Assert.That(figure.Panels[2].Text, Does.StartWith("MSE = 0.0900 GPa²\nR² = 0.810"));
            Assert.That(figure.Panels.Select(p => p.Plot.GetPlottables<LinePlot>().Single().Start), Has.All.EqualTo(new Coordinates(figure.Low, figure.Low)), "y = x");

            var path = Path.Combine(folder, "parity.png");
            ReportPlots.Parity(path, byMethod, BenchmarkMethods.DisplayName);
            var header = File.ReadAllBytes(path).AsSpan(16, 8);
            // Three panels: a 2 × 2 grid of 300-pixel squares with their margins.
            Assert.That((BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header[4..])), Is.EqualTo((figure.Width, figure.Height)));
            Assert.That((figure.Width, figure.Height), Is.EqualTo((2 * 384, 2 * 390)));

            ReportPlots.Parity(path, new Dictionary<string, IReadOnlyList<PointPrediction>> { ["lgbm"] = [] }, BenchmarkMethods.DisplayName);
            Assert.That(new FileInfo(path).Length, Is.GreaterThan(1000), "runs without test points still give a figure");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Temperature_figure_counts_the_test_points_of_each_seed_per_range()
    {
        var results = TemperatureResults();

        var spread = BenchmarkTables.TemperatureSpread(results, "10");

        Assert.That(spread.Bins.Select(b => (b.FromKelvin, b.ToKelvin)), Is.EqualTo(BenchmarkTables.TemperatureEdges.Zip(BenchmarkTables.TemperatureEdges.Skip(1))));
        Assert.That(spread.Bins.Select(b => b.CountLabel), Is.EqualTo(new[] { "n = 1–2", "n = 0", "n = 0–1", "n = 0", "n = 0", "n = 1–2" }),
            "2100 K is past the last range, and the other split and the classification runs do not count");
        Assert.That(spread.Bins[0].PointsBySeed, Is.EquivalentTo(new Dictionary<int, int> { [0] = 2, [1] = 1 }));
        Assert.That(spread.Bins[5].PointsBySeed, Is.EquivalentTo(new Dictionary<int, int> { [0] = 2, [1] = 1 }));

        var lgbm = spread.ByMethod["lgbm"];
        Assert.That(lgbm.Select(e => e?.Seeds), Is.EqualTo(new int?[] { 2, null, 1, null, null, 2 }));
        // Errors 0.1 under seed 0 and 0.3 under seed 1: per-seed MSE 0.01 and 0.09.
        Assert.That(lgbm[0]!.SeedMse, Is.EqualTo(new[] { 0.01, 0.09 }).Within(1e-12));
        Assert.That(lgbm[0]!.Mean, Is.EqualTo(0.05).Within(1e-12));
        Assert.That(lgbm[0]!.StandardDeviation, Is.EqualTo(0.08 / Math.Sqrt(2)).Within(1e-12));
        Assert.That(lgbm[2]!.StandardDeviation, Is.Zero, "one seed: no spread");

        using var plot = ReportPlots.TemperaturePlot(spread, BenchmarkMethods.DisplayName);
        plot.RenderInMemory(1250, 620);
        var ticks = ((ScottPlot.TickGenerators.NumericManual)plot.Axes.Bottom.TickGenerator).Ticks;
        Assert.That(ticks.Select(t => t.Label), Is.EqualTo(spread.Bins.Select(b => $"{b.FromKelvin:0}–{b.ToKelvin:0}\n{b.CountLabel}")));
        var markers = plot.GetPlottables<Markers>().Single(m => m.LegendText == BenchmarkMethods.DisplayName("lgbm"));
        Assert.That(markers.Data.GetScatterPoints().Select(p => (int)Math.Round(p.X)), Is.EqualTo(new[] { 0, 2, 5 }), "markers only where there are points");
        Assert.That(plot.GetPlottables<Scatter>(), Is.Empty, "no lines join the ranges");
        var bars = plot.GetPlottables<ErrorBar>().Select(b => b.YErrorPositive!).ToArray();
        Assert.That(bars.SelectMany(b => b).Max(), Is.EqualTo(0.08 / Math.Sqrt(2)).Within(1e-12), "the bars are the seeds' standard deviation");
    }

    [Test]
    public void Report_explains_fig3_and_lists_its_counts()
    {
        var folder = Directory.CreateTempSubdirectory("xyield-fig3-").FullName;
        try
        {
            var results = TemperatureResults();
            ReportWriter.Write(folder, results, BenchmarkConfig.Of(results), BenchmarkMethods.DisplayName);

            var report = File.ReadAllText(Path.Combine(folder, ReportWriter.ReportFile));
            Assert.That(report, Does.Contain("## Fig. 3: test MSE by temperature (10 % split, 2 seeds)"));
            Assert.That(report, Does.Contain("error bars are ± one sample standard deviation across those seeds"));
            Assert.That(report, Does.Contain("| test points per seed | n = 1–2 | n = 0 | n = 0–1 | n = 0 | n = 0 | n = 1–2 |"));
            Assert.That(report, Does.Contain("| LightGBM | 0.0500 ± 0.0566 (2) | – | 0.0900 ± n/a (1) | – | – | 0.0500 ± 0.0566 (2) |"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, IReadOnlyList<PointPrediction>> ParityInput(IEnumerable<RunResult> results) =>
        results.Where(r => r.Task == RunResult.Regression && r.Split == "10")
            .GroupBy(r => r.Method)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PointPrediction>)[.. g.SelectMany(r => r.Points)]);

    // Two methods, two seeds whose splits hold different points: seed 0 two at 250–500 K and two at 1700–2100 K; seed 1
    // one in each of 250–500, 800–1100 and 1700–2100 K, and one at 2100 K, past the last range.
    private static List<RunResult> TemperatureResults()
    {
        double[][] kelvin = [[300, 310, 1800, 2000], [300, 900, 1750, 2100]];
        var results = new List<RunResult>();
        foreach (var method in new[] { "lgbm", "forest" })
        {
            for (var seed = 0; seed < 2; seed++)
            {
                var error = seed == 0 ? 0.1 : 0.3;
                PointPrediction[] points = [.. kelvin[seed].Select(t => Prediction("NbTaTi", t, 1, 1 + error))];
                results.Add(new RunResult(method, RunResult.Regression, "10", seed, error * error, points));
                results.Add(new RunResult(method, RunResult.Regression, "5", seed, 0, [.. points.Select(p => p with { TemperatureKelvin = 600 })]));
                results.Add(new RunResult(method, RunResult.Classification, "10", seed, 1, [Prediction("NbTaTi", 600, 1, 1)]));
            }
        }

        return results;
    }
}
