using System.Text.Json;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Baselines;
using XYield.ML.Benchmark.Report;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests.Report;

[TestFixture]
public sealed class ReportWriterTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-report-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Writes_report_tables_figures_csv_and_config()
    {
        var results = SmallResults();
        var config = new BenchmarkConfig(["10", "cv"], [0, 1], ["mc", "lgbm"], ["regression", "classification"], "paper", EvaluationProtocols.FinalEpoch, [],
            new Dictionary<string, string> { ["trees"] = "8 leaves" }, BenchmarkConfig.CurrentVersions());

        ReportWriter.Write(_folder, results, config, BenchmarkMethods.DisplayName);

        var report = File.ReadAllText(Path.Combine(_folder, ReportWriter.ReportFile));
        Assert.That(report, Does.Contain("## Table 2 (Table 11 for cv): test MSE").And.Contain("## Table 2 (Table 11 for cv): test accuracy").And.Contain("## Table 3").And.Contain("## Table 12"));
        Assert.That(report, Does.Contain("| LightGBM | 0.0063 ± 0.0476 (2) |"), "Table 2, 10 %: mean of 0.05² and 0.1², half-width 12.706 · s / √2");
        Assert.That(report, Does.Contain("**MoNbTaTi**\n\n| | 473 K | MAE |\n| --- | --- | --- |\n| experiment | 0.868 | |\n| Maresca–Curtin (simulation) | 0.395 | 0.473 |\n| LightGBM | 0.793 | 0.075 |\n"));
        Assert.That(report, Does.Contain($"]({ReportWriter.TemperatureFigure})").And.Contain($"]({ReportWriter.ParityFigure})"));
        foreach (var figure in new[] { ReportWriter.TemperatureFigure, ReportWriter.ParityFigure })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_folder, figure));
            Assert.That(bytes, Has.Length.GreaterThan(5_000), figure);
            Assert.That(bytes[1..4], Is.EqualTo("PNG"u8.ToArray()), figure);
        }

        var csv = File.ReadAllLines(Path.Combine(_folder, ReportWriter.CsvFile));
        Assert.That(csv, Has.Length.EqualTo(results.Count + 1));
        Assert.That(csv[1], Is.EqualTo("mc,regression,10,0,0.09,3,final-epoch,,"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, BenchmarkConfig.FileName)));
        Assert.That(json.RootElement.GetProperty("seeds").GetArrayLength(), Is.EqualTo(2));
        Assert.That(json.RootElement.GetProperty("versions").GetProperty("Microsoft.ML").GetString(), Does.StartWith("5."));
    }

    [Test]
    public void The_recommended_method_is_named_in_the_header_and_marked_in_table_2()
    {
        PointPrediction[] points = [Prediction("MoNbTaTi", 473.15, 0.868, 0.8)];
        var results = new List<RunResult>
        {
            new("pt-forest+mc", RunResult.Regression, "10", 0, 0.05, points),
            new("forest+mc", RunResult.Regression, "10", 0, 0.07, points),
        };

        ReportWriter.Write(_folder, results, BenchmarkConfig.Of(results), BenchmarkMethods.DisplayName);

        var report = File.ReadAllText(Path.Combine(_folder, ReportWriter.ReportFile));
        Assert.That(report, Does.Contain("Recommended method: **Mean of pretrain-and-transfer and forest + MC** (`pt-forest+mc`), chosen by cross-validation on the training parts"));
        Assert.That(report, Does.Contain("| Mean of pretrain-and-transfer and forest + MC **(recommended)** | 0.0500 ± n/a (1) |"));
        Assert.That(report, Does.Contain($"| {BenchmarkMethods.DisplayName("forest+mc")} | 0.0700 ± n/a (1) |"), "other rows are not marked");
        Assert.That(BenchmarkMethods.Describe().Single(d => d.Name == BenchmarkMethods.Recommended).Summary, Does.StartWith("RECOMMENDED"));
        Assert.That(BenchmarkMethods.Describe().Count(d => d.Summary.StartsWith("RECOMMENDED", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Table_3_has_one_row_per_method_and_shows_the_simulation_once()
    {
        var config = BenchmarkConfig.Of(SmallResults());

        ReportWriter.Write(_folder, SmallResults(), config, BenchmarkMethods.DisplayName);

        var report = File.ReadAllText(Path.Combine(_folder, ReportWriter.ReportFile));
        var table3 = report[report.IndexOf("## Table 3", StringComparison.Ordinal)..report.IndexOf("## Fig. 3", StringComparison.Ordinal)];
        var tables = table3.Split("\n\n").Where(b => b.StartsWith("| ", StringComparison.Ordinal)).ToArray();
        Assert.That(tables, Has.Length.EqualTo(2), "MoNbTaTi and HfMoNbTaTiZr are test points");
        foreach (var table in tables)
        {
            var lines = table.Split('\n');
            var columns = lines[0].Split('|', StringSplitOptions.TrimEntries)[1..^1];
            Assert.That(columns, Is.Unique);
            var rows = lines[2..].Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1]).ToArray();
            Assert.That(rows, Is.EqualTo(new[] { "experiment", "Maresca–Curtin (simulation)", "LightGBM" }), "mc is the simulation row, not a second copy");
            Assert.That(lines.Skip(2), Has.All.Matches<string>(l => l!.Count(c => c == '|') == columns.Length + 1));
        }
    }

    [Test]
    public void Header_lists_the_seeds_methods_and_splits_that_ran()
    {
        // Asked for four seeds, three methods and three splits; only seeds 0 and 1, mc and lgbm, 10 % and cv completed.
        var config = new BenchmarkConfig(["10", "cv", "5"], [0, 1, 2, 3], ["mc", "lgbm", "np"], ["regression", "classification"], "paper", EvaluationProtocols.FinalEpoch, [],
            new Dictionary<string, string>(), BenchmarkConfig.CurrentVersions());

        ReportWriter.Write(_folder, SmallResults(), config, BenchmarkMethods.DisplayName);

        var header = File.ReadAllText(Path.Combine(_folder, ReportWriter.ReportFile)).Split("\n## ")[0];
        Assert.That(header, Does.Contain("Completed runs: 16. Seeds: 0, 1. Splits: 10 %, 10-fold CV. Tasks: regression, classification. Methods (2): Maresca–Curtin (simulation), LightGBM.\n"));
        Assert.That(header, Does.Contain($"Planned but without a completed run: 2 seeds (2, 3); 1 method ({BenchmarkMethods.DisplayName("np")}); 1 split (5 %)."));
        Assert.That(header, Does.Not.Contain("0, 1, 2, 3"));

        ReportWriter.Write(_folder, SmallResults(), BenchmarkConfig.Of(SmallResults()), BenchmarkMethods.DisplayName);
        Assert.That(File.ReadAllText(Path.Combine(_folder, ReportWriter.ReportFile)), Does.Not.Contain("Planned but"), "nothing missing, nothing said");
    }

    [Test]
    public void Sparse_runs_get_a_sparsity_table_averaged_over_seeds()
    {
        static LayerSparsity[] Layers(double joint) => [new("conv1", 576, 0.2, 0.1, joint), new("fc1", 1000, 0.4, 0.2, joint * 2)];
        PointPrediction[] points = [Prediction("MoNbTaTi", 473.15, 0.868, 0.8)];
        var results = new List<RunResult>
        {
            new("birpt", RunResult.Regression, "10", 0, 0.1, points, Sparsity: Layers(0.1)),
            new("birpt", RunResult.Regression, "10", 1, 0.1, points, Sparsity: Layers(0.3)),
            new("pt", RunResult.Regression, "10", 0, 0.1, points),
        };
        var config = new BenchmarkConfig(["10"], [0, 1], ["pt", "birpt"], ["regression"], "paper", EvaluationProtocols.FinalEpoch, [],
            new Dictionary<string, string>(), BenchmarkConfig.CurrentVersions());

        ReportWriter.Write(_folder, results, config, BenchmarkMethods.DisplayName);

        var report = File.ReadAllText(Path.Combine(_folder, ReportWriter.ReportFile));
        Assert.That(report, Does.Contain("| method | task | split | conv1 | fc1 | total m_s | total m_t | total joint |"));
        // conv1 joint: mean of 10 % and 30 %; fc1: of 20 % and 60 %; totals weight the layers by size (576 and 1000 weights).
        Assert.That(report, Does.Contain($"| {BenchmarkMethods.DisplayName("birpt")} | regression | 10 % (2) | 20.0 % | 40.0 % | 32.7 % | 16.3 % | 32.7 % |"));
        Assert.That(report, Does.Not.Contain($"| {BenchmarkMethods.DisplayName("pt")} | regression | 10 %"), "dense methods have no row");
        Assert.That(ResultStoreRoundTrip(results)[0].Sparsity, Is.EqualTo(Layers(0.1)), "results.json keeps the layers");
    }

    [Test]
    public void Results_round_trip_through_json()
    {
        var path = Path.Combine(_folder, ResultStore.FileName);
        var store = ResultStore.Open(path);
        foreach (var result in SmallResults())
        {
            store.Append(result);
        }

        var reopened = ResultStore.Open(path).Results;

        Assert.That(reopened, Has.Count.EqualTo(SmallResults().Count));
        Assert.That(reopened.Select(r => (r.Key, r.Metric)), Is.EqualTo(SmallResults().Select(r => (r.Key, r.Metric))));
        Assert.That(reopened.SelectMany(r => r.Points), Is.EqualTo(SmallResults().SelectMany(r => r.Points)));
    }

    private IReadOnlyList<RunResult> ResultStoreRoundTrip(IEnumerable<RunResult> results)
    {
        var store = ResultStore.Open(Path.Combine(_folder, ResultStore.FileName));
        foreach (var result in results)
        {
            store.Append(result);
        }

        return ResultStore.Open(store.Path!).Results;
    }

    [Test]
    public void Appending_the_same_run_replaces_it()
    {
        var store = ResultStore.Open(Path.Combine(_folder, ResultStore.FileName));
        store.Append(new RunResult("mc", RunResult.Regression, "5", 0, 0.2, []));
        store.Append(new RunResult("mc", RunResult.Regression, "5", 0, 0.1, []));

        Assert.That(ResultStore.Open(store.Path!).Results.Single().Metric, Is.EqualTo(0.1));
    }

    [Test]
    public void Runner_resumes_from_a_partial_results_file()
    {
        var path = Path.Combine(_folder, ResultStore.FileName);
        var counting = new CountingMethod();
        PlannedRun[] plan = [.. from seed in new[] { 0, 1 } from split in new[] { "5", "10" } select new PlannedRun(counting.Name, YieldTask.Regression, BenchmarkSplit.Parse(split), seed)];
        var completed = new RunResult(counting.Name, RunResult.Regression, "10", 1, 123, []);
        ResultStore.Open(path).Append(completed);

        var store = ResultStore.Open(path);
        var ran = BenchmarkRunner.RunMissing(plan, _ => counting, Points, store);

        Assert.That(ran, Is.EqualTo(3));
        Assert.That(counting.Calls, Is.EqualTo(3));
        var reopened = ResultStore.Open(path).Results;
        Assert.That(reopened, Has.Count.EqualTo(4));
        Assert.That(reopened.Single(r => r.Key == completed.Key).Metric, Is.EqualTo(123), "the completed run is kept, not redone");
        Assert.That(BenchmarkRunner.RunMissing(plan, _ => counting, Points, ResultStore.Open(path)), Is.Zero);
    }

    [Test]
    public void Interrupted_run_keeps_completed_results()
    {
        var path = Path.Combine(_folder, ResultStore.FileName);
        using var cancellation = new CancellationTokenSource();
        PlannedRun[] plan = [.. new[] { 0, 1, 2 }.Select(seed => new PlannedRun("mc", YieldTask.Regression, BenchmarkSplit.Parse("5"), seed))];
        var started = 0;
        var progress = new Reporter(p =>
        {
            if (p.Kind == BenchmarkProgressKind.RunStarted && ++started == 3)
            {
                cancellation.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => BenchmarkRunner.RunMissing(plan, _ => new MarescaCurtinPredictor(), Points, ResultStore.Open(path), progress: progress, cancellation: cancellation.Token));

        Assert.That(ResultStore.Open(path).Results.Select(r => r.Seed), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void A_file_that_is_not_a_results_file_is_named_in_the_error()
    {
        var path = Path.Combine(_folder, ResultStore.FileName);
        File.WriteAllText(path, "[1, 2");

        var error = Assert.Throws<InvalidDataException>(() => ResultStore.Open(path));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("not a benchmark results file"));
    }

    /// <summary>Reports synchronously, on the benchmark's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<BenchmarkProgress> report) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => report(value);
    }

    /// <summary>Predicts 1 GPa everywhere and counts its calls.</summary>
    private sealed class CountingMethod : IBenchmarkMethod
    {
        public int Calls { get; private set; }

        public string Name => "counting";

        public string DisplayName => "Counting";

        public bool Supports(YieldTask task) => true;

        public IReadOnlyList<double> Predict(BenchmarkFit fit)
        {
            Calls++;
            return Enumerable.Repeat(1.0, fit.Test.Count).ToArray();
        }
    }
}
