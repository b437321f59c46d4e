using XYield.ML.Benchmark.Report;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Tests.Report;

/// <summary>Two benchmark processes on one output folder: the second is refused, and no completed run is lost.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OutputFolderLockTests
{
    private static readonly BenchmarkPlan Plan = new(new BenchmarkOptions
    {
        Methods = ["mc"],
        Tasks = [YieldTask.Regression],
        Profile = BenchmarkProfile.Quick with { Seeds = 2 },
        Device = "cpu",
    });

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-lock-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_second_process_on_the_folder_is_refused_and_the_first_ones_runs_are_kept()
    {
        Runner().Run(Plan);
        var before = File.ReadAllBytes(Path.Combine(_folder, ResultStore.FileName));

        // Another process holding the folder: the OS lock is per open file, so a second open in this process is refused alike.
        using (new FileStream(Path.Combine(_folder, ".xyield-benchmark.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<IOException>(() => Runner().Run(Plan))!;
            Assert.That(error.Message, Does.StartWith("Another benchmark process").And.Contain(_folder).And.Contain("--shard"));
            Assert.Throws<IOException>(() => Runner().Run(Plan).WriteReport(_folder));
        }

        Assert.That(File.ReadAllBytes(Path.Combine(_folder, ResultStore.FileName)), Is.EqualTo(before), "the refused runner wrote nothing");
        Assert.That(Runner().Run(Plan).Runs, Has.Count.EqualTo(Plan.Runs.Count), "the lock is released with its holder");
    }

    [Test]
    public void Concurrent_runners_never_lose_a_completed_run()
    {
        var outcomes = new string[4];
        Parallel.For(0, outcomes.Length, i =>
        {
            try
            {
                outcomes[i] = $"ran {Runner().Run(Plan).Runs.Count}";
            }
            catch (IOException e) when (e.Message.StartsWith("Another benchmark process", StringComparison.Ordinal))
            {
                outcomes[i] = "refused";
            }
        });

        Assert.That(outcomes, Has.Some.EqualTo($"ran {Plan.Runs.Count}"));
        Assert.That(outcomes, Is.All.EqualTo($"ran {Plan.Runs.Count}").Or.EqualTo("refused"));
        Assert.That(BenchmarkResults.Load(_folder).Runs, Has.Count.EqualTo(Plan.Runs.Count));
    }

    private BenchmarkRunner Runner() => new(new BenchmarkRunnerOptions { OutputFolder = _folder, Data = BenchmarkTestData.Points });
}
