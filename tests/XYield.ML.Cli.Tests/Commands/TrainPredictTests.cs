using XYield.ML;
using XYield.ML.Cli.Commands;
using XYield.ML.Cli.Workflows;
using XYield.ML.Methods;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
[NonParallelizable]
public sealed class TrainPredictTests
{
    private static TrainSettings Tiny(YieldCnnMethod method, YieldTask task) =>
        TrainSettings.Quick(method, task, split: 10, seed: 0, data: null, device: "cpu") with
        {
            SimulatedCount = 300,
            Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32 },
            FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 3 },
        };

    [Test]
    public void Trained_model_predicts_the_same_in_a_fresh_xyield_process()
    {
        var result = TrainWorkflow.Run(Tiny(YieldCnnMethod.PretrainAndTransfer, YieldTask.Regression), null, null, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("xyield-train-").FullName;
        try
        {
            var path = Path.Combine(folder, "model.zip");
            new Microsoft.ML.MLContext().Model.Save(result.Model, result.InputSchema, path);

            var inProcess = PredictCommand.Predict(path, "Mo0.2 Nb0.2 Ta0.2 Ti0.2 W0.2", 1273.15f);
            var cli = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", path, "--alloy", "MoNbTaTiW", "--temperature", "1273.15");

            Assert.That(result.TrainCount, Is.EqualTo(25));
            Assert.That(result.TestCount, Is.EqualTo(213));
            Assert.That(result.TestMetric, Is.GreaterThan(0).And.LessThan(10), result.MetricName);
            Assert.That(cli.ExitCode, Is.EqualTo(0), cli.StandardError);
            Assert.That(cli.StandardOutput.Trim(), Is.EqualTo(inProcess));
            Assert.That(inProcess, Does.Match(@"^Mo0\.2 Nb0\.2 Ta0\.2 Ti0\.2 W0\.2 at 1273\.15 K: -?\d+\.\d+ GPa$"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void An_ensemble_model_predicts_a_mean_and_spread_in_a_fresh_xyield_process()
    {
        var result = TrainWorkflow.Run(Tiny(YieldCnnMethod.PretrainAndTransfer, YieldTask.Regression) with { EnsembleSize = 3 }, null, null, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("xyield-train-").FullName;
        try
        {
            var path = Path.Combine(folder, "ensemble.zip");
            new Microsoft.ML.MLContext().Model.SaveYieldModel(result.Model, result.InputSchema, path);

            var inProcess = PredictCommand.Predict(path, "Mo0.2 Nb0.2 Ta0.2 Ti0.2 W0.2", 1273.15f);
            var cli = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", path, "--alloy", "MoNbTaTiW", "--temperature", "1273.15");

            Assert.That(cli.ExitCode, Is.EqualTo(0), cli.StandardError);
            Assert.That(cli.StandardOutput.Trim(), Is.EqualTo(inProcess));
            Assert.That(inProcess, Does.Match(@"^Mo0\.2 Nb0\.2 Ta0\.2 Ti0\.2 W0\.2 at 1273\.15 K: -?\d+\.\d+ ± \d+\.\d+ GPa \(mean ± standard deviation of the ensemble's networks\)$"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_recommended_method_trains_saves_and_predicts_a_calibrated_mean_and_spread_in_a_fresh_xyield_process()
    {
        var settings = Tiny(YieldCnnMethod.PretrainAndTransfer, YieldTask.Regression) with
        {
            WithForest = true,
            SpreadCalibration = new XYield.ML.Training.CrossValidation.SpreadCalibrationOptions { Folds = 3 },
        };
        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("xyield-train-").FullName;
        try
        {
            var path = Path.Combine(folder, "recommended.zip");
            new Microsoft.ML.MLContext().Model.SaveYieldModel(result.Model, result.InputSchema, path);

            var inProcess = PredictCommand.Predict(path, "Mo0.2 Nb0.2 Ta0.2 Ti0.2 W0.2", 1273.15f);
            var cli = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", path, "--alloy", "MoNbTaTiW", "--temperature", "1273.15");

            Assert.That(settings.Describe(), Does.StartWith("pt-forest+mc (pt averaged with a random forest").And.Contain("spread calibrated by 3-fold CV"));
            Assert.That(result.BlendCalibration!.ValidationRows, Has.Count.EqualTo(3));
            Assert.That(TrainCommand.BlendCalibrationLine(result.BlendCalibration), Does.Match(@"^standard deviation √\(\d+\.\d+² \+ \(\d+(\.\d+)?·r\)²\) GPa, r the CNN–forest disagreement \(3-fold CV by alloy"));
            Assert.That(cli.ExitCode, Is.EqualTo(0), cli.StandardError);
            Assert.That(cli.StandardOutput.Trim(), Is.EqualTo(inProcess));
            Assert.That(inProcess, Does.Match(@"^Mo0\.2 Nb0\.2 Ta0\.2 Ti0\.2 W0\.2 at 1273\.15 K: -?\d+\.\d+ ± \d+\.\d+ GPa \(mean of the CNN and the forest ± standard deviation calibrated on held-out alloys\)$"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Calibrate_scales_the_ensembles_spread_and_the_saved_model_keeps_the_scale()
    {
        var settings = Tiny(YieldCnnMethod.PretrainAndTransfer, YieldTask.Regression) with
        {
            EnsembleSize = 3,
            SpreadCalibration = new XYield.ML.Training.CrossValidation.SpreadCalibrationOptions { Folds = 3 },
        };

        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);
        var spread = result.SpreadCalibration!;
        var folder = Directory.CreateTempSubdirectory("xyield-train-").FullName;
        try
        {
            var path = Path.Combine(folder, "calibrated.zip");
            new Microsoft.ML.MLContext().Model.SaveYieldModel(result.Model, result.InputSchema, path);
            var cli = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", path, "--alloy", "MoNbTaTiW", "--temperature", "1273.15");

            Assert.That(spread.StandardizedErrors, Has.Count.EqualTo(25));
            Assert.That(TrainCommand.SpreadCalibrationLine(spread), Does.Match(@"^standard deviation scaled by \d+(\.\d+)? \(3-fold CV on the training part: \d+ % of held points were within ±1 raw sd, nominal 68 %\)\.$"));
            Assert.That(settings.Describe(), Does.Contain("(ensemble of 3, spread calibrated by 3-fold CV)"));
            Assert.That(cli.ExitCode, Is.EqualTo(0), cli.StandardError);
            Assert.That(cli.StandardOutput.Trim(), Is.EqualTo(PredictCommand.Predict(path, "Mo0.2 Nb0.2 Ta0.2 Ti0.2 W0.2", 1273.15f)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("pt --calibrate", "--calibrate scales a regression ensemble's standard deviation: add --ensemble K")]
    [TestCase("pt --ensemble 0", "--ensemble must be")]
    [TestCase("birpt --ensemble 2 --search", "--ensemble cannot be combined with --search")]
    public void Bad_ensemble_options_are_one_line_errors(string arguments, string message)
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, ["train", "--method", .. arguments.Split(' ')]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim(), Does.StartWith("error: ").And.Contain(message).And.Not.Contain("\n"));
    }

    [Test]
    public void Cv_epoch_chooses_on_folds_that_keep_compositions_together_and_says_what_it_chose()
    {
        var settings = Tiny(YieldCnnMethod.NoPretraining, YieldTask.Regression) with { EpochSelection = new XYield.ML.Training.CrossValidation.EpochSelectionOptions { Folds = 3 } };

        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);
        var epochs = result.EpochSelection!;

        Assert.That(epochs.FoldCurves, Has.Count.EqualTo(3).And.All.Count.EqualTo(3));
        Assert.That(epochs.ValidationRows.Sum(f => f.Count), Is.EqualTo(25));
        Assert.That(TrainCommand.EpochSelectionLine(epochs), Does.Match(@"^training epoch chosen by 3-fold CV on the training part: [123] of 3 \(mean CV MSE \(GPa²\) \d\.\d+; after the last epoch \d\.\d+\); trained on the whole training part and stopped there\.$"));
        Assert.That(settings.Describe(), Does.Contain("stopped at the epoch chosen by 3-fold CV on the training part"));
    }

    [TestCase("handtune --cv-epoch --search-rounds", "--cv-epoch cannot be combined with --search-rounds: choose the rounds first")]
    [TestCase("birpt --cv-epoch --search", "--cv-epoch cannot be combined with --search")]
    [TestCase("pt --cv-epoch --folds 1", "--folds must be")]
    public void Bad_cv_epoch_options_are_one_line_errors(string arguments, string message)
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, ["train", "--method", .. arguments.Split(' ')]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim(), Does.StartWith("error: ").And.Contain(message).And.Not.Contain("\n"));
    }

    [Test]
    public void Classification_model_predicts_a_named_class()
    {
        var result = TrainWorkflow.Run(Tiny(YieldCnnMethod.NoPretraining, YieldTask.Classification), null, null, CancellationToken.None);
        var path = Path.Combine(Directory.CreateTempSubdirectory("xyield-train-").FullName, "model.zip");
        new Microsoft.ML.MLContext().Model.Save(result.Model, result.InputSchema, path);

        var text = PredictCommand.Predict(path, "Mo0.25 Nb0.25 Ta0.25 W0.25", 300f);
        // The CLI resolves its own dependency versions: classification must load there too.
        var cli = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", path, "--alloy", "MoNbTaW", "--temperature", "300");

        Assert.That(cli.ExitCode, Is.EqualTo(0), cli.StandardError);
        Assert.That(cli.StandardOutput.Trim(), Is.EqualTo(text));
        Assert.That(result.MetricName, Is.EqualTo("test accuracy"));
        Assert.That(result.TestMetric, Is.InRange(0.0, 1.0));
        Assert.That(text, Does.Match(@"class \[\d(\.\d)?, (\d(\.\d)?|∞)\) GPa \(p = 0\.\d+\)"));
    }

    [TestCase("handtune")]
    [TestCase("birpt")]
    public void Sparse_methods_train_on_the_split_and_report_their_sparsity(string methodName)
    {
        var method = YieldCnnMethod.FromName(methodName);
        var settings = Tiny(method, YieldTask.Regression) with { Sparsity = new SparsityOptions { PretrainingRounds = 1, TransferRounds = 1, Gamma = 1e-3 } };
        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);

        Assert.That(settings.Describe(), Does.Contain(method == YieldCnnMethod.BiRpt ? "Bi-RPT γ 0.001" : "IMP N_s 1, N_t 1"));
        Assert.That(result.TestMetric, Is.GreaterThan(0).And.LessThan(10), result.MetricName);
        Assert.That(result.Sparsity.Layers.Select(l => l.Layer), Is.EqualTo(new[] { "conv1", "conv2", "conv3", "fc1", "head" }));
        Assert.That(result.Sparsity.ToString(), Does.StartWith("layer").And.Contain("total"));
        if (method == YieldCnnMethod.HandTune)
        {
            Assert.That(result.Sparsity.Joint, Is.EqualTo(1 - (0.8 * 0.8)).Within(0.002));
        }
    }

    [Test]
    public void Rounds_search_on_the_split_uses_only_the_training_part_grouped_by_composition()
    {
        var settings = Tiny(YieldCnnMethod.HandTune, YieldTask.Regression) with
        {
            RoundsSearch = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [0, 1], TransferRoundCandidates = [0], Folds = 2 },
            Sparsity = new SparsityOptions { PretrainingRoundEpochs = 1, TransferRoundEpochs = 1 },
        };
        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);

        var search = result.RoundsSearch!;
        Assert.That(settings.Describe(), Does.Contain("N_s ∈ {0,1} × N_t ∈ {0} by 2-fold CV on the training part"));
        Assert.That(search.ValidationRows.SelectMany(f => f).Order(), Is.EqualTo(Enumerable.Range(0, result.TrainCount)), "the 25 training rows, nothing else");
        Assert.That(result.TrainCount, Is.EqualTo(25));
        Assert.That(result.Sparsity.Joint, Is.EqualTo(1 - Math.Pow(0.8, search.Best.PretrainingRounds + search.Best.TransferRounds)).Within(0.002));
        Assert.That(result.TestMetric, Is.GreaterThan(0).And.LessThan(10), result.MetricName);
    }

    [Test]
    public void Bi_rpt_search_on_the_split_uses_only_the_training_part()
    {
        var settings = Tiny(YieldCnnMethod.BiRpt, YieldTask.Regression) with
        {
            BiRptSearch = new BiRptSearchOptions { ShrinkBudgetCandidates = [0, 2], Folds = 2 },
        };
        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);

        var search = result.BiRptSearch!;
        Assert.That(settings.Describe(), Does.Contain("Bi-RPT shrink budget ∈ {0,2} by 2-fold CV on the training part"));
        Assert.That(search.ValidationRows.SelectMany(f => f).Order(), Is.EqualTo(Enumerable.Range(0, result.TrainCount)), "the 25 training rows, nothing else");
        Assert.That(search.Scores.Select(s => s.Sparsity.ShrinkBudget), Is.EqualTo(new double?[] { 0, 2 }));
        // The convolutions (the gated layers by default) hold 4 % of the weights: a budget of 2 prunes there, 0 does not.
        Assert.That(search.Scores[1].MeanJointSparsity, Is.GreaterThan(search.Scores[0].MeanJointSparsity + 0.01), "a budget of 2 prunes, 0 does not");
        Assert.That(result.TestMetric, Is.GreaterThan(0).And.LessThan(10), result.MetricName);
    }

    [TestCase("pt --search", "use it with --method birpt, not pt")]
    [TestCase("birpt --budgets 0,1", "add --search")]
    [TestCase("birpt --lower-rates 0,1e-3", "add --search")]
    [TestCase("birpt --search --lower-rates 0,-1", "--lower-rates must be distinct numbers ≥ 0")]
    [TestCase("birpt --search --budgets 0 --birpt-budget 1", "drop --birpt-budget")]
    [TestCase("birpt --search --budgets 0,x", "--budgets must be distinct numbers ≥ 0")]
    [TestCase("birpt --search --birpt-budget 1", "drop --birpt-budget")]
    [TestCase("birpt --birpt-budget -1", "--birpt-budget must be a number ≥ 0")]
    [TestCase("birpt --birpt-gated dense", "--birpt-gated 'dense' is not a choice: expected all or convolutions")]
    [TestCase("pt --search-rounds", "use it with --method handtune, not pt")]
    [TestCase("handtune --nt 0,1", "add --search-rounds")]
    [TestCase("handtune --search-rounds --ns 0,-1", "--ns must be distinct whole numbers ≥ 0")]
    [TestCase("handtune --search-rounds --transfer-rounds 2", "drop --source-rounds/--transfer-rounds")]
    [TestCase("birpt --birpt-gamma -1", "--birpt-gamma must be a number ≥ 0")]
    [TestCase("birpt --birpt-mask-lr 0", "--birpt-mask-lr must be a number > 0")]
    [TestCase("birpt --birpt-lower-interval 0", "--birpt-lower-interval must be at least 1")]
    public void Bad_option_values_and_combinations_are_one_line_errors(string arguments, string message)
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, ["train", "--method", .. arguments.Split(' ')]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim(), Does.StartWith("error: ").And.Contain(message).And.Not.Contain("\n"));
    }

    [Test]
    public void A_lambda_l_search_keeping_the_budget_reaches_the_settings_the_run_describes()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "train", "--method", "birpt", "--search", "--budgets", "none", "--birpt-budget", "0.5",
            "--lower-rates", "0,0.003", "--data", "/nowhere/MPEA_dataset.csv");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError, Does.Contain("shrink budget 0.5, λ_l ∈ {0,0.003} by 5-fold CV on the training part"));
    }

    [Test]
    public void Bi_rpt_options_reach_the_settings_the_run_describes()
    {
        // The description is printed before the data is read, so a missing data file stops the run right after it.
        var result = CliProcess.Run(TestPaths.CliOutput, null, "train", "--method", "birpt", "--birpt-gamma", "3e-3", "--birpt-mask-lr", "2",
            "--birpt-lower-interval", "4", "--data", "/nowhere/MPEA_dataset.csv");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError, Does.Contain("Bi-RPT γ 0.003, λ_m 2, lower level every 4 step(s), gates on the convolutions, target 20 % of the gated weights by gated weight"));
    }

    [Test]
    public void Bad_predict_inputs_are_one_line_errors()
    {
        var garbage = Path.Combine(Directory.CreateTempSubdirectory("xyield-bad-").FullName, "model.zip");
        File.WriteAllText(garbage, "not a zip");

        var notZip = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", garbage, "--alloy", "MoNb", "--temperature", "300");
        var missing = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", "/nowhere/m.zip", "--alloy", "MoNb", "--temperature", "300");
        var badUnit = CliProcess.Run(TestPaths.CliOutput, null, "train", "--method", "xx");

        Assert.That(notZip.ExitCode, Is.EqualTo(1));
        Assert.That(notZip.StandardError, Does.Contain("is not a model XYield.ML can load"));
        Assert.That(missing.StandardError, Does.Contain("does not exist"));
        Assert.That(badUnit.ExitCode, Is.Not.EqualTo(0));
        Assert.That(badUnit.StandardError + badUnit.StandardOutput, Does.Contain("xx"));
    }

    [Test]
    public void Simulate_alloy_prints_the_golden_value()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--alloy", "MoNbTaTiW", "--temperature", "1273.15");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardOutput, Does.Contain("MoNbTaTiW at 1273.15 K: 0.2418 GPa (241.81 MPa"));
    }
}
