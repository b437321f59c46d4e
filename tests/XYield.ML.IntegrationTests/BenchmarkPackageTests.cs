using XYield.ML.Benchmark;
using XYield.ML.Models;

namespace XYield.ML.IntegrationTests;

/// <summary>The benchmark package as an application uses it: plan from options, run, report, read back.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BenchmarkPackageTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-integration-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_tiny_plan_runs_writes_the_report_and_reads_back_from_results_json()
    {
        var plan = new BenchmarkPlan(new BenchmarkOptions
        {
            Methods = ["lgbm", "pt"],
            Tasks = [YieldTask.Regression],
            Profile = BenchmarkProfile.Quick with { Seeds = 2, Splits = "10", SimulatedCount = 300, PretrainingEpochs = 1, FineTuningEpochs = 3 },
            Device = "cpu",
        });
        var reports = new List<BenchmarkProgress>();
        var runner = new BenchmarkRunner(new BenchmarkRunnerOptions { OutputFolder = _folder });

        var results = runner.Run(plan, new Collect(reports));

        Assert.That(plan.Runs, Has.Count.EqualTo(4));
        Assert.That(results.Runs.Select(r => r.Key), Is.EquivalentTo(plan.Runs.Select(r => r.Key)));
        Assert.That(reports.Count(r => r.Kind == BenchmarkProgressKind.RunCompleted), Is.EqualTo(4));
        Assert.That(reports, Has.Some.Matches<BenchmarkProgress>(r => r!.Kind == BenchmarkProgressKind.Training), "pt reports its training");

        var table2 = results.MetricTable(YieldTask.Regression);
        Assert.That(table2.Select(r => r.Method), Is.EqualTo(new[] { "lgbm", "pt" }));
        Assert.That(table2.Select(r => r.BySplit["10"].Count), Is.All.EqualTo(2), "two seeds per cell");

        var report = Path.Combine(_folder, "report.md");
        Assert.That(File.Exists(report), Is.True);
        var text = File.ReadAllText(report);
        var section = text[text.IndexOf("## Table 2", StringComparison.Ordinal)..];
        Assert.That(section, Does.Contain("| LightGBM | ").And.Contain("| Pretrain-and-transfer (CNN) | "));

        var reread = BenchmarkResults.Load(_folder);
        Assert.That(reread.Runs, Is.EqualTo(results.Runs), "results.json holds exactly the returned runs");
        Assert.That(reread.Fingerprint, Is.EquivalentTo(plan.Fingerprint));
        Assert.That(reread.MetricTable(YieldTask.Regression).Select(r => r.BySplit["10"].Mean), Is.EqualTo(table2.Select(r => r.BySplit["10"].Mean)));
        Assert.That(runner.Pending(plan), Is.Empty, "a rerun resumes with nothing left to do");
    }

    [Test]
    public void Options_out_of_range_name_the_member()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BenchmarkPlan(new BenchmarkOptions { Profile = BenchmarkProfile.Quick with { Seeds = 0 } }));

        Assert.That(error!.ParamName, Is.EqualTo("Seeds"));
    }

    private sealed class Collect(List<BenchmarkProgress> into) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => into.Add(value);
    }
}
