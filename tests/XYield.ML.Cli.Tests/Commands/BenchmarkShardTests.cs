namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class BenchmarkShardTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-shard-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Shards_from_the_option_and_the_Kubernetes_index_merge_into_one_report()
    {
        var output = Path.Combine(_folder, "out");
        string[] plan = ["benchmark", "--methods", "mc,lgbm", "--splits", "5", "--seeds", "2", "--tasks", "regression", "--output", output];

        var first = CliProcess.Run(TestPaths.CliOutput, null, [.. plan, "--shard", "1/2"]);
        var second = CliProcess.Run(TestPaths.CliOutput, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1" }, [.. plan, "--shard", "auto/2"]);
        var merged = Path.Combine(_folder, "merged");
        var merge = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "merge", Path.Combine(output, "shard-1-of-2"), Path.Combine(output, "shard-2-of-2"), "--output", merged);

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)), first.StandardError + second.StandardError);
        Assert.That(first.StandardError, Does.Contain("runs in shard 1/2"));
        Assert.That(second.StandardError, Does.Contain("runs in shard 2/2"));
        Assert.That(merge.ExitCode, Is.EqualTo(0), merge.StandardError);
        Assert.That(merge.StandardOutput, Does.Contain("merged 4 runs from 2 folder(s)"));
        Assert.That(File.ReadAllText(Path.Combine(merged, "report.md")), Does.Contain("| Maresca–Curtin (simulation) | 0.").And.Contain("| LightGBM | 0."));
        Assert.That(File.ReadAllLines(Path.Combine(merged, "results.csv")), Has.Length.EqualTo(5));
    }

    [TestCase("3", "--shard must be i/n (e.g. 2/3, i from 1 to n) or auto/n")]
    [TestCase("4/3", "--shard 4/3: the shard number must be from 1 to 3")]
    [TestCase("auto/3", "Neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID")]
    public void Bad_shards_are_one_line_errors(string value, string message)
    {
        var output = Path.Combine(_folder, "bad");

        var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "--methods", "mc", "--shard", value, "--output", output);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
        Assert.That(result.StandardError, Does.StartWith("error: ").And.Contain(message));
        Assert.That(Directory.Exists(output), Is.False);
    }

    [Test]
    public void Merging_folders_whose_runs_depend_on_different_settings_is_a_one_line_error()
    {
        string[] plan = ["benchmark", "--methods", "mc", "--splits", "5", "--seeds", "1", "--tasks", "regression"];
        CliProcess.Run(TestPaths.CliOutput, null, [.. plan, "--output", Path.Combine(_folder, "a")]);
        CliProcess.Run(TestPaths.CliOutput, null, [.. plan, "--finetune-epochs", "3", "--output", Path.Combine(_folder, "b")]);
        // The same files as if a CNN method had run with both epoch counts (training one here would cost minutes).
        string AsCnn(string folder)
        {
            var cnn = Path.Combine(_folder, folder + "-pt");
            Directory.CreateDirectory(cnn);
            File.WriteAllText(Path.Combine(cnn, "results.json"), File.ReadAllText(Path.Combine(_folder, folder, "results.json")).Replace("\"method\": \"mc\"", "\"method\": \"pt\"", StringComparison.Ordinal));
            return cnn;
        }

        var baselines = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "merge", Path.Combine(_folder, "a"), Path.Combine(_folder, "b"), "--output", Path.Combine(_folder, "m"));
        var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "merge", AsCnn("a"), AsCnn("b"), "--output", Path.Combine(_folder, "n"));

        Assert.That(baselines.ExitCode, Is.EqualTo(0), "the estimate itself trains no network: " + baselines.StandardError);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
        Assert.That(result.StandardError, Does.Contain("was made with other settings").And.Contain("--finetune-epochs").And.Contain(" vs 3)").And.Contain("its pt runs depend on it"));
    }
}
