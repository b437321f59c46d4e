using System.Text.RegularExpressions;

namespace XYield.ML.Cli.Tests.Commands;

/// <summary>
/// <c>xyield train</c> on what the user has: every experimental point (<c>--split all</c>), their own measurements
/// (<c>--train-data</c>, alone or <c>--with-experimental</c>), and the benchmark's pre-training cache. Each run saves
/// with --output and the saved model predicts in another xyield process. Tiny sizes: a run is seconds.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TrainDataTests
{
    // Six measurements in °C and MPa; the loader converts them to K and GPa.
    private const string Measurements = """
        Formula,Temperature_C,YS_MPa
        MoNbTaW,25,1058
        MoNbTaW,1000,548
        HfNbTaTiZr,25,929
        NbTaTiV,600,700
        CrMoNbV,25,1500
        MoNbTaVW,1200,735
        """;

    private const int OwnRows = 6;
    // -300 °C is below absolute zero: the loader refuses the row, naming its line (3), rather than dropping it.
    private const string BelowAbsoluteZero = "MoNbTaW,-300,1058";

    private string _folder = "";
    private string _mine = "";
    private Dictionary<string, string> _environment = [];

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("xyield-train-data-").FullName;
        _mine = Path.Combine(_folder, "mine.csv");
        File.WriteAllText(_mine, Measurements + "\n");
        // Runs without --cache must not touch the user's cache.
        _environment = new Dictionary<string, string> { ["XYIELD_CACHE"] = Path.Combine(_folder, "default-cache") };
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Split_all_trains_on_all_238_points_and_reports_no_test_metric()
    {
        var train = Train("--method", "np", "--split", "all", "--output", Model());

        Assert.That(train.StandardOutput, Does.Contain("trained on all 238 points (no test set)"));
        Assert.That(train.StandardOutput, Does.Not.Contain("test MSE").And.Not.Contain("test points"));
        Assert.That(train.StandardError, Does.Contain("all experimental points, no test set"));
        AssertPredicts(Model());
    }

    [Test]
    public void Train_data_alone_trains_on_the_users_rows_only()
    {
        var train = Train("--method", "np", "--train-data", _mine, "--output", Model());

        Assert.That(train.StandardOutput, Does.Contain($"trained on all {OwnRows} points (no test set), all from {_mine}"));
        Assert.That(train.StandardError, Does.Contain($"{OwnRows} target rows"));
        AssertPredicts(Model());
    }

    [Test]
    public void Train_data_alone_trains_a_classifier_with_the_yield_classes()
    {
        var train = Train("--method", "np", "--task", "classification", "--train-data", _mine, "--output", Model());

        Assert.That(train.StandardOutput, Does.Contain($"trained on all {OwnRows} points (no test set)"));
        AssertPredicts(Model(), classification: true);
    }

    [Test]
    public void With_experimental_and_split_10_adds_the_users_rows_to_the_25_point_training_part()
    {
        var train = Train("--method", "np", "--train-data", _mine, "--with-experimental", "--split", "10", "--output", Model());

        Assert.That(train.StandardOutput, Does.Match($@"test MSE \(GPa²\): \d+(\.\d+)? \(25 experimental \+ {OwnRows} from {Regex.Escape(_mine)} = {25 + OwnRows} train / 213 test points\)"));
        Assert.That(train.StandardError, Does.Contain($"{25 + OwnRows} target rows"));
        // Four of the six are measured alloys at measured temperatures; those in the test part are named.
        Assert.That(train.StandardError, Does.Match(@"Warning: \d of the 6 points in .* are also experimental test points"));
        AssertPredicts(Model());
    }

    [Test]
    public void With_experimental_and_split_all_trains_on_238_plus_the_users_rows()
    {
        var train = Train("--method", "np", "--train-data", _mine, "--with-experimental", "--split", "all", "--output", Model());

        Assert.That(train.StandardOutput, Does.Contain($"trained on all {238 + OwnRows} points (no test set): 238 experimental + {OwnRows} from {_mine}"));
        Assert.That(train.StandardError, Does.Contain($"{238 + OwnRows} target rows"));
        AssertPredicts(Model());
    }

    [TestCase("pt", new string[0], "regression dense network")]
    [TestCase("handtune", new[] { "--source-rounds", "1", "--transfer-rounds", "0" }, "regression sparse network (N_s = 1)")]
    public void A_second_identical_run_loads_the_pretrained_network_from_the_cache(string method, string[] extra, string network)
    {
        var cache = Path.Combine(_folder, "cache");
        string[] arguments = ["--method", method, .. extra, "--split", "5", "--simulated", "64", "--pretrain-epochs", "1", "--cache", cache];

        var first = Train([.. arguments, "--output", Model("first.zip")]);
        var second = Train([.. arguments, "--output", Model("second.zip")]);

        Assert.That(first.StandardError, Does.Contain($"{network}: pre-trained (").And.Contain("), cached as "));
        Assert.That(second.StandardError, Does.Contain($"{network}: loaded from cache "));
        Assert.That(second.StandardError, Does.Not.Contain("pretraining epoch"), "nothing is pre-trained again");
        Assert.That(Directory.GetFiles(cache, "*.bin"), Is.Not.Empty);
        Assert.That(Directory.Exists(_environment["XYIELD_CACHE"]), Is.False, "--cache, not the default folder");
        Assert.That(second.StandardOutput.Split('\n')[0], Is.EqualTo(first.StandardOutput.Split('\n')[0]), "the same network, so the same test metric");
        Assert.That(AssertPredicts(Model("second.zip")), Is.EqualTo(AssertPredicts(Model("first.zip"))));
    }

    [Test]
    public void Pretrain_seed_not_seed_chooses_the_cached_network_and_no_cache_stores_nothing()
    {
        var cache = Path.Combine(_folder, "cache");
        string[] arguments = ["--method", "pt", "--split", "5", "--simulated", "64", "--pretrain-epochs", "1"];

        var first = Train([.. arguments, "--cache", cache, "--seed", "1"]);
        var otherSeed = Train([.. arguments, "--cache", cache, "--seed", "2"]);
        var otherPretrainSeed = Train([.. arguments, "--cache", cache, "--seed", "2", "--pretrain-seed", "1"]);
        var uncached = Train([.. arguments, "--no-cache"]);

        Assert.That(first.StandardError, Does.Contain("pre-training seed 0, cache " + cache));
        Assert.That(otherSeed.StandardError, Does.Contain("regression dense network: loaded from cache "), "--seed is the fine-tune seed");
        Assert.That(otherPretrainSeed.StandardError, Does.Contain("regression dense network: pre-trained ("), "--pretrain-seed is part of the key");
        Assert.That(uncached.StandardError, Does.Contain("not cached (no store)").And.Contain("pre-training seed 0, no cache"));
        Assert.That(Directory.GetFiles(cache, "*.bin"), Has.Length.EqualTo(2));
        Assert.That(Directory.Exists(_environment["XYIELD_CACHE"]), Is.False);
    }

    [TestCase("--train-data {mine} --split 10", "--split 10: a few-shot split applies to the experimental set, which --train-data alone does not use; add --with-experimental")]
    [TestCase("--train-data {mine} --split 5 --task classification", "--split 5: a few-shot split applies to the experimental set")]
    [TestCase("--with-experimental", "--with-experimental adds the experimental set to your --train-data file")]
    [TestCase("--train-data {mine} --data {mine}", "names the experimental set, which --train-data alone does not use")]
    [TestCase("--train-data {folder}/missing.csv", "missing.csv")]
    [TestCase("--train-data {bad}", "line 3: Temperature_C gives")]
    [TestCase("--cache {folder} --no-cache", "contradict each other")]
    [TestCase("--pretrain-seed -1", "--pretrain-seed must be ≥ 0 (got -1)")]
    public void Misused_data_and_cache_options_are_one_line_errors(string arguments, string message)
    {
        var bad = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(bad, $"Formula,Temperature_C,YS_MPa\nMoNbTaW,25,1058\n{BelowAbsoluteZero}\n");
        var expanded = arguments.Replace("{mine}", _mine, StringComparison.Ordinal).Replace("{bad}", bad, StringComparison.Ordinal)
            .Replace("{folder}", _folder, StringComparison.Ordinal).Split(' ');

        var result = CliProcess.Run(TestPaths.CliOutput, _environment, ["train", "--method", "np", "--device", "cpu", "--finetune-epochs", "1", .. expanded]);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardOutput, Does.Not.Contain("trained on"));
        var lines = result.StandardError.Trim().Split('\n').Where(l => !l.StartsWith("xyield train: ", StringComparison.Ordinal)).ToArray();
        Assert.That(lines, Has.Length.EqualTo(1), result.StandardError);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(message));
    }

    private string Model(string name = "model.zip") => Path.Combine(_folder, name);

    // One fine-tuning epoch on the CPU; the caller adds the rest.
    private CliProcess.Result Train(params string[] arguments)
    {
        var result = CliProcess.Run(TestPaths.CliOutput, _environment, ["train", "--device", "cpu", "--finetune-epochs", "1", .. arguments]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        return result;
    }

    // The saved model loads and predicts in a fresh xyield process; returns the prediction line.
    private static string AssertPredicts(string model, bool classification = false)
    {
        Assert.That(File.Exists(model), Is.True, model);
        var predict = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", model, "--alloy", "MoNbTaW", "--temperature", "300");

        Assert.That(predict.ExitCode, Is.EqualTo(0), predict.StandardError);
        var line = predict.StandardOutput.Trim();
        Assert.That(line, classification
            ? Does.Match(@"^Mo0\.25 Nb0\.25 Ta0\.25 W0\.25 at 300 K: class \[\d(\.\d)?, (\d(\.\d)?|∞)\) GPa \(p = 0\.\d+\)")
            : Does.Match(@"^Mo0\.25 Nb0\.25 Ta0\.25 W0\.25 at 300 K: -?\d+\.\d+ GPa$"));
        return line;
    }
}
