using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Benchmark.Report;
using XYield.ML.Evaluation;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Training;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests;

[TestFixture]
[NonParallelizable]
public sealed class ProtocolTests
{
    [TestCase(YieldTask.Regression)]
    [TestCase(YieldTask.Classification)]
    public void Best_test_epoch_is_never_worse_than_the_final_epoch_of_the_same_training(YieldTask task)
    {
        // No Pretraining on the 5 % split: 12 training points, 3 epochs, no simulated data: seconds.
        using var cache = new PretrainedCache((BenchmarkProfile.Quick with { FineTuningEpochs = 3 }).Cnn("cpu"));
        var method = new CnnMethod(YieldCnnMethod.NoPretraining, cache);
        var run = new PlannedRun(method.Name, task, BenchmarkSplit.Parse("5"), 0);

        var final = BenchmarkRunner.Evaluate(method, run, Points, EvaluationProtocol.FinalEpoch);
        var best = BenchmarkRunner.Evaluate(method, run, Points, EvaluationProtocol.BestTestEpoch);

        Assert.That((final.Protocol, final.SelectedEpochs, final.FinalEpochMetric), Is.EqualTo((EvaluationProtocols.FinalEpoch, (IReadOnlyList<int>?)null, (double?)null)));
        Assert.That(best.Protocol, Is.EqualTo(EvaluationProtocols.BestTestEpoch));
        Assert.That(best.FinalEpochMetric, Is.EqualTo(final.Metric), "same seed, same training: predicting between epochs changes nothing");
        Assert.That(best.SelectedEpochs, Has.Count.EqualTo(1));
        Assert.That(best.SelectedEpochs![0], Is.InRange(1, 3));
        if (task == YieldTask.Regression)
        {
            Assert.That(best.Metric, Is.LessThanOrEqualTo(final.Metric));
            Assert.That(best.Metric, Is.EqualTo(Metrics.MeanSquaredError(best.Points.Select(q => q.Predicted).ToArray(), best.Points.Select(q => q.Actual).ToArray())).Within(1e-12));
        }
        else
        {
            Assert.That(best.Metric, Is.GreaterThanOrEqualTo(final.Metric));
            Assert.That(best.Points.Select(q => q.Predicted), Is.All.InRange(0, 4), "class indices");
        }
    }

    [Test]
    public void Selector_keeps_the_lowest_mse_epoch_the_first_on_ties_and_the_final_model_only_when_strictly_better()
    {
        double[] actual = [1, 2];
        var selector = new BestEpochSelector(YieldTask.Regression, actual);
        selector.Offer(1, [0, 0]);        // MSE 2.5
        selector.Offer(2, [1, 2.5]);      // MSE 0.125, best
        selector.Offer(3, [1.5, 2]);      // MSE 0.125, a tie: the first stays

        Assert.That(selector.Choose([1, 3]), Is.EqualTo(new[] { 1, 2.5 }), "final MSE 0.5 is worse");
        Assert.That(selector.Epoch, Is.EqualTo(2));
        Assert.That(selector.Choose([1, 2]), Is.EqualTo(new[] { 1.0, 2 }), "a final model better than every epoch is scored");
        Assert.That(selector.Epoch, Is.EqualTo(3), "labelled as the last epoch");
    }

    [Test]
    public void Selector_keeps_the_highest_accuracy_for_classification_and_passes_methods_without_epochs_through()
    {
        var selector = new BestEpochSelector(YieldTask.Classification, [0, 1, 2, 3]);
        selector.Offer(1, [0, 0, 0, 0]);
        selector.Offer(2, [0, 1, 2, 0]);
        selector.Offer(3, [0, 1, 0, 0]);
        Assert.That(selector.Choose([0, 0, 0, 0]), Is.EqualTo(new double[] { 0, 1, 2, 0 }));
        Assert.That(selector.Epoch, Is.EqualTo(2));

        var none = new BestEpochSelector(YieldTask.Regression, [1]);
        Assert.That(none.Choose([5]), Is.EqualTo(new[] { 5.0 }));
        Assert.That(none.Epoch, Is.Null);
    }

    [Test]
    public void Best_test_epoch_report_carries_the_warning_above_every_table_and_figure()
    {
        var folder = Directory.CreateTempSubdirectory("xyield-protocol-report-").FullName;
        try
        {
            var results = SmallResults().Select(r => r with { Protocol = EvaluationProtocols.BestTestEpoch }).ToList();
            var config = new BenchmarkConfig(["10", "cv"], [0, 1], ["mc", "lgbm"], ["regression", "classification"], "paper", EvaluationProtocols.BestTestEpoch, [],
                new Dictionary<string, string>(), BenchmarkConfig.CurrentVersions());

            ReportWriter.Write(folder, results, config, BenchmarkMethods.DisplayName);

            var sections = File.ReadAllText(Path.Combine(folder, ReportWriter.ReportFile)).Split("\n## ")[1..];
            Assert.That(sections, Has.Length.EqualTo(6), "Tables 2, 11, 3, Fig. 3, parity, Table 12");
            Assert.That(sections, Has.All.Contains("> **Warning**: best-test-epoch protocol (the paper's)"));
            Assert.That(File.ReadAllLines(Path.Combine(folder, ReportWriter.CsvFile)).Skip(1), Has.All.Contains(",best-test-epoch,"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Bi_rpt_coefficients_reach_the_sparsity_options_and_enter_the_fingerprint_only_when_changed()
    {
        var quick = BenchmarkProfile.Quick;
        var changed = quick with { BiRptGamma = 3e-3, BiRptMaskLearningRate = 1, BiRptLowerLevelInterval = 4 };

        var sparsity = changed.Cnn("cpu").Sparsity;
        Assert.That((sparsity.Gamma, sparsity.MaskLearningRate, sparsity.LowerLevelInterval), Is.EqualTo((3e-3, 1.0, 4)));
        Assert.That(quick.Cnn("cpu").Sparsity, Is.EqualTo(new SparsityOptions()), "the profiles keep the paper's Bi-RPT defaults");
        // Files written before these options existed carry no such keys, and still resume with the defaults.
        // The defaults since the lower level runs every 10 steps on the convolutions are named, so files made with the old
        // defaults (every step, all layers; no keys) are refused rather than resumed with other numbers.
        var defaults = quick.Fingerprint(EvaluationProtocol.FinalEpoch);
        Assert.That(defaults.Where(p => p.Key.StartsWith("--birpt", StringComparison.Ordinal)),
            Is.EquivalentTo(new Dictionary<string, string>
            {
                ["--birpt-lower-interval"] = "10", ["--birpt-gated"] = "convolutions", ["--birpt-target"] = "0.2", ["--birpt-ranking"] = "weights",
            }));
        Assert.That((quick with { BiRptLowerLevelInterval = 1, BiRptGatedLayers = BiRptGatedLayers.All, BiRptTargetJointSparsity = null }).Fingerprint(EvaluationProtocol.FinalEpoch).Keys,
            Has.None.StartsWith("--birpt"), "a folder made before the options existed resumes with its settings");
        var fingerprint = changed.Fingerprint(EvaluationProtocol.FinalEpoch);
        Assert.That(
            new[] { "--birpt-gamma", "--birpt-mask-lr", "--birpt-lower-interval" }.Select(k => fingerprint[k]),
            Is.EqualTo(new[] { "0.003", "1", "4" }));
    }

    [Test]
    public void A_target_sparsity_reaches_the_sparsity_options_and_the_fingerprint_names_it_with_its_ranking()
    {
        var quick = BenchmarkProfile.Quick;
        var target = quick with { BiRptTargetJointSparsity = 0.5, BiRptTargetRanking = TargetSparsityRanking.JointScore };

        var sparsity = target.Cnn("cpu").Sparsity;
        Assert.That((sparsity.TargetJointSparsity, sparsity.TargetSparsityRanking), Is.EqualTo(((double?)0.5, TargetSparsityRanking.JointScore)));
        var fingerprint = target.Fingerprint(EvaluationProtocol.FinalEpoch);
        Assert.That((fingerprint["--birpt-target"], fingerprint["--birpt-ranking"]), Is.EqualTo(("0.5", "scores")));
        var defaults = quick.Fingerprint(EvaluationProtocol.FinalEpoch);
        Assert.That((defaults["--birpt-target"], defaults["--birpt-ranking"]), Is.EqualTo(("0.2", "weights")), "the default target is named: folders made before it are refused");
        Assert.That((quick with { BiRptTargetJointSparsity = null }).Fingerprint(EvaluationProtocol.FinalEpoch).Keys, Has.None.EqualTo("--birpt-target").And.None.EqualTo("--birpt-ranking"),
            "without a target, folders made before the option existed resume");
        Assert.That(target.DescribeCnn(), Does.Contain("target sparsity 0.5 of the gated weights ranked by scores"));
        Assert.Throws<ArgumentOutOfRangeException>(() => (quick with { BiRptTargetJointSparsity = 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (quick with { BiRptTargetRanking = (TargetSparsityRanking)9 }).Validate());
    }

    [Test]
    public void A_search_over_lambda_l_reaches_the_search_options_and_the_fingerprint_names_only_what_differs_from_the_default_search()
    {
        var quick = BenchmarkProfile.Quick with { BiRptSearch = true };
        var rates = quick with { BiRptSearchBudgets = null, BiRptSearchLowerRates = [0, 1e-3, 3e-3] };

        var search = rates.Cnn("cpu").BiRptSearch!;
        Assert.That((search.ShrinkBudgetCandidates, search.LowerLearningRateCandidates), Is.EqualTo(((IReadOnlyList<double>?)null, new[] { 0, 1e-3, 3e-3 })));
        Assert.That(search.CandidatesOver(rates.Cnn("cpu").Sparsity).Select(c => (c.ShrinkBudget, c.LowerLearningRate)),
            Is.EqualTo(new (double?, double)[] { (null, 0), (null, 1e-3), (null, 3e-3) }), "the profile's γ is kept");
        var fingerprint = rates.Fingerprint(EvaluationProtocol.FinalEpoch);
        Assert.That((fingerprint["--budgets"], fingerprint["--lower-rates"]), Is.EqualTo(("none", "0,0.001,0.003")));
        Assert.That(quick.Fingerprint(EvaluationProtocol.FinalEpoch).Keys, Has.None.EqualTo("--budgets").And.None.EqualTo("--lower-rates"),
            "folders searched before the options existed resume");
        Assert.That(quick.Cnn("cpu").BiRptSearch!.ShrinkBudgetCandidates, Is.EqualTo(new[] { 0, 0.5, 1, 2 }));
        Assert.That(rates.DescribeCnn(), Does.Contain("Bi-RPT γ = 0.0001, λ_l among 0, 0.001, 0.003 chosen by 5-fold CV on each training part"));
        Assert.That((quick with { BiRptSearchBudgets = [0, 1] }).DescribeCnn(), Does.Contain("shrink budget chosen by 5-fold CV on each training part among 0, 1"));
    }

    [Test]
    public void Resuming_with_another_protocol_or_size_is_refused_and_the_same_settings_resume()
    {
        var folder = Directory.CreateTempSubdirectory("xyield-protocol-resume-").FullName;
        try
        {
            var path = Path.Combine(folder, ResultStore.FileName);
            var quick = BenchmarkProfile.Quick;
            ResultStore.Open(path, quick.Fingerprint(EvaluationProtocol.FinalEpoch)).Append(new RunResult("mc", RunResult.Regression, "5", 0, 0.2, []));

            var protocol = Assert.Throws<InvalidDataException>(() => ResultStore.Open(path, quick.Fingerprint(EvaluationProtocol.BestTestEpoch)));
            var epochs = Assert.Throws<InvalidDataException>(() => ResultStore.Open(path, (quick with { FineTuningEpochs = 9 }).Fingerprint(EvaluationProtocol.FinalEpoch)));

            Assert.That(protocol!.Message, Does.Contain("--protocol final-epoch there, best-test-epoch now").And.Contain("use another --output"));
            Assert.That(epochs!.Message, Does.Contain($"--finetune-epochs {quick.FineTuningEpochs} there, 9 now").And.Not.Contain("--protocol"));
            Assert.That(ResultStore.Open(path, quick.Fingerprint(EvaluationProtocol.FinalEpoch)).Results, Has.Count.EqualTo(1));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
