using System.Text.Json;

namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class BenchmarkCommandTests
{
    [TestCase("--methods", "lgbm,svm", "Unknown method 'svm'")]
    [TestCase("--splits", "5,twenty", "Unknown split 'twenty'")]
    [TestCase("--tasks", "ranking", "Unknown task 'ranking'")]
    [TestCase("--seeds", "0", "--seeds must be from 1 to 1,000 seed(s) (got 0)")]
    [TestCase("--seeds", "2147483647", "--seeds must be from 1 to 1,000 seed(s) (got 2147483647)")]
    [TestCase("--seeds", "99999999999", "--seeds must be from 1 to 1,000 seed(s) (got 99999999999)")]
    [TestCase("--seeds", "two", "--seeds must be a whole number of seed(s), from 1 to 1,000 (got 'two')")]
    [TestCase("--simulated", "10", "--simulated must be from 16 to 1,000,000 simulated points")]
    [TestCase("--simulated", "2000000", "(got 2000000)")]
    [TestCase("--pretrain-epochs", "0", "--pretrain-epochs must be at least 1 pre-training epoch(s) (got 0)")]
    [TestCase("--finetune-epochs", "1.5", "--finetune-epochs must be a whole number of fine-tuning epoch(s), at least 1 (got '1.5')")]
    [TestCase("--ns", "-1", "--ns must be at least 0 IMP rounds (got -1)")]
    [TestCase("--nt", "many", "--nt must be a whole number of IMP rounds, at least 0 (got 'many')")]
    [TestCase("--birpt-gamma", "-1e-4", "--birpt-gamma must be a number ≥ 0, the weight of Bi-RPT's sparsity penalty, written like 0.001 or 1e-3 (got '-1e-4')")]
    [TestCase("--birpt-mask-lr", "0", "--birpt-mask-lr must be a number > 0")]
    [TestCase("--birpt-gamma", "1e308", "--birpt-gamma × --birpt-mask-lr must be a finite number (got 1E+308 × 3.5)")]
    [TestCase("--birpt-mask-lr", "3,5", "(got '3,5')")]
    [TestCase("--birpt-lower-interval", "0", "--birpt-lower-interval must be at least 1 upper steps between Bi-RPT's lower-level steps (got 0)")]
    [TestCase("--protocol", "best", "Unknown --protocol 'best': use final-epoch")]
    [TestCase("--birpt-target", "1", "--birpt-target must be below 1, the fraction of the gated weights to remove (got '1')")]
    [TestCase("--birpt-target", "0,2", "--birpt-target must be a number ≥ 0, the fraction of the gated weights to remove, written like 0.2 (or none) (got '0,2')")]
    public void Bad_options_are_one_line_errors(string option, string value, string message) =>
        AssertOneLineError(message, option, value);

    [TestCase("--lower-rates 0,0.001", "--budgets and --lower-rates set up Bi-RPT's coefficient search: add --search.")]
    [TestCase("--search --lower-rates 0,1e-3,x", "--lower-rates must be distinct numbers ≥ 0 separated by commas, the lower learning rates λ_l, e.g. 0,0.001,0.003; got '0,1e-3,x'.")]
    [TestCase("--search --lower-rates 0.001,1e-3", "--lower-rates lists a value more than once")]
    [TestCase("--search --budgets never", "--budgets must be distinct numbers ≥ 0 separated by commas, the shrink budgets (or none)")]
    [TestCase("--search --birpt-budget 1", "drop --birpt-budget, or give --budgets none to keep it")]
    public void Bad_search_options_are_one_line_errors(string arguments, string message) =>
        AssertOneLineError(message, arguments.Split(' '));

    [Test]
    public void A_ranking_without_a_target_is_a_one_line_error() =>
        AssertOneLineError("--birpt-ranking ranks the weights --birpt-target removes: it has no use with --birpt-target none.", "--birpt-target", "none", "--birpt-ranking", "weights");

    [Test]
    public void An_unknown_ranking_is_a_one_line_error() =>
        AssertOneLineError("--birpt-ranking 'size' is not a choice: expected weights or scores.", "--birpt-target", "0.2", "--birpt-ranking", "size");

    [Test]
    public void Quick_and_paper_together_are_a_one_line_error() =>
        AssertOneLineError("--quick and --paper choose different profiles: give one of them", "--quick", "--paper");

    private static void AssertOneLineError(string message, params string[] arguments)
    {
        var output = Path.Combine(Path.GetTempPath(), "xyield-bad-options-" + Guid.NewGuid().ToString("N"));

        var result = CliProcess.Run(TestPaths.CliOutput, null, ["benchmark", .. arguments, "--output", output]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
        Assert.That(result.StandardError, Does.StartWith("error: ").And.Contain(message));
        Assert.That(Directory.Exists(output), Is.False, "nothing is written before the options are checked");
    }

    [Test]
    public void Unwritable_output_folder_is_a_one_line_error()
    {
        // A folder inside a regular file cannot be created, even by root.
        var file = Path.GetTempFileName();
        try
        {
            var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "--methods", "mc", "--output", Path.Combine(file, "report"));

            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
            Assert.That(result.StandardError, Does.StartWith("error: Cannot write to the output folder"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Overrides_land_in_config_json_and_the_report_header()
    {
        var output = Directory.CreateTempSubdirectory("xyield-overrides-").FullName;
        try
        {
            var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "--quick", "--methods", "mc", "--splits", "10", "--seeds", "1", "--tasks", "regression",
                "--simulated", "500", "--pretrain-epochs", "2", "--finetune-epochs", "7", "--ns", "3", "--nt", "0",
                "--birpt-gamma", "3e-3", "--birpt-lower-interval", "4", "--output", output);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
            using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "config.json")));
            var root = config.RootElement;
            Assert.That(root.GetProperty("profile").GetString(), Is.EqualTo("quick"));
            Assert.That(root.GetProperty("protocol").GetString(), Is.EqualTo("final-epoch"));
            Assert.That(root.GetProperty("overridden").EnumerateArray().Select(e => e.GetString()),
                Is.EquivalentTo(new[] { "--seeds", "--simulated", "--pretrain-epochs", "--finetune-epochs", "--ns", "--nt", "--birpt-gamma", "--birpt-lower-interval", "--splits" }));
            var settings = root.GetProperty("settings");
            Assert.That(
                new[] { "cnnSimulatedPoints", "cnnPretrainingEpochs", "cnnFineTuningEpochs", "cnnFineTuningStepSize", "impPretrainingRounds", "impTransferRounds" }
                    .Select(k => settings.GetProperty(k).GetString()),
                Is.EqualTo(new[] { "500", "2", "7", "3", "3", "0" }), "the step size follows the epochs: ⌈7 / 3⌉");
            Assert.That(
                new[] { "birptGamma", "birptMaskLearningRate", "birptLowerLevelInterval" }.Select(k => settings.GetProperty(k).GetString()),
                Is.EqualTo(new[] { "0.003", "3.5", "4" }), "λ_m keeps the paper's default");
            Assert.That(settings.GetProperty("birptTargetJointSparsity").GetString(), Is.EqualTo("0.2, ranked by weights"));
            Assert.That(root.GetProperty("seeds").GetArrayLength(), Is.EqualTo(1));
            var report = File.ReadAllText(Path.Combine(output, "report.md"));
            Assert.That(report, Does.Contain("Profile: **quick**, overridden by --seeds, --simulated, --pretrain-epochs, --finetune-epochs, --ns, --nt, --birpt-gamma, --birpt-lower-interval, --splits."));
            Assert.That(report, Does.Contain("500 simulated points, 2 pre-training epoch(s), 7 fine-tuning epoch(s) (learning rate ÷10 every 3), IMP rounds N_s = 3, N_t = 0, Bi-RPT γ = 0.003, λ_m = 3.5, lower level every 4 step(s), gates on the convolutions, target sparsity 0.2 of the gated weights ranked by weights"));
            Assert.That(report, Does.Contain("Protocol final-epoch: each CNN run is scored after its last epoch").And.Not.Contain("Warning"));
            Assert.That(result.StandardOutput, Does.Contain("Table 2 (Table 11 for cv): test MSE").And.Contain("Maresca–Curtin (simulation)"), "the table is printed on the console");
            Assert.That(result.StandardError, Does.Contain("[1/1] mc regression 10 % seed 0: MSE 0."), "redirected output gets one plain line per run");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public void Resuming_an_output_folder_with_another_protocol_is_a_one_line_error()
    {
        var output = Directory.CreateTempSubdirectory("xyield-resume-").FullName;
        try
        {
            string[] run = ["benchmark", "--methods", "mc", "--splits", "5", "--seeds", "1", "--tasks", "regression", "--output", output];
            Assert.That(CliProcess.Run(TestPaths.CliOutput, null, run).ExitCode, Is.EqualTo(0));

            var result = CliProcess.Run(TestPaths.CliOutput, null, [.. run, "--protocol", "best-test-epoch"]);

            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
            Assert.That(result.StandardError, Does.StartWith("error: ").And.Contain("--protocol final-epoch there, best-test-epoch now").And.Contain("use another --output"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public void Maresca_Curtin_benchmark_writes_the_report()
    {
        var output = Directory.CreateTempSubdirectory("xyield-benchmark-").FullName;
        try
        {
            var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "--methods", "mc", "--splits", "10", "--seeds", "2", "--tasks", "regression", "--output", output);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
            Assert.That(File.ReadAllText(Path.Combine(output, "report.md")), Does.Contain("| Maresca–Curtin (simulation) | 0."));
            Assert.That(File.ReadAllLines(Path.Combine(output, "results.csv")), Has.Length.EqualTo(3));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
