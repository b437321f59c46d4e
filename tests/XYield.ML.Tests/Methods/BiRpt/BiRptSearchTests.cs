using XYield.ML.Methods.BiRpt;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Methods.BiRpt;

/// <summary><see cref="BiRptSearch"/>: cross-validation on the target training part only, reproducible entries, an honest pick.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BiRptSearchTests
{
    private static readonly StageOptions Stage = StageOptions.PaperFineTuning with { MaxEpoch = 3, LearningRate = 1e-2, StepSize = 1 };
    private PretrainedNetwork? _pretrained;
    private TrainingSet? _source;

    [OneTimeSetUp]
    public void Pretrain()
    {
        TorchBackend.EnsureAvailable();
        _source = Set(Source(48, seed: 1));
        _pretrained = TrainingEngine.Pretrain(_source, SmallNetwork, StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 16 }, new TrainingOptions { Device = "cpu" });
    }

    [OneTimeTearDown]
    public void Release() => _pretrained?.Dispose();

    [Test]
    public void Every_candidate_is_scored_on_every_fold_and_each_entry_is_the_fit_on_that_fold()
    {
        var target = Set(Target(15, seed: 2));
        var search = new BiRptSearchOptions { ShrinkBudgetCandidates = [0, 3], Folds = 3, Seed = 4 };
        var options = new TrainingOptions { Device = "cpu", Seed = 5 };
        // No target sparsity: the budgets alone decide what is removed.
        var sparsity = new SparsityOptions { SourceBatchSize = 8, UpperLearningRate = 1e-2, GatedLayers = BiRptGatedLayers.All, TargetJointSparsity = null };

        var result = BiRptSearch.Run(_pretrained!, _source!, target, search, Stage, sparsity, options);

        Assert.That(result.Scores.Select(s => s.Sparsity.ShrinkBudget), Is.EqualTo(new double?[] { 0, 3 }));
        Assert.That(result.ValidationRows.SelectMany(f => f).Order(), Is.EqualTo(Enumerable.Range(0, 15)), "the folds cover the training part once");
        Assert.That(result.Scores.Select(s => s.FoldMetrics.Count), Has.All.EqualTo(3));
        var best = result.Scores.MinBy(s => s.Mean);
        Assert.That(result.Best, Is.SameAs(best));
        Assert.That(result.Scores[0].MeanJointSparsity, Is.LessThan(0.01), "no budget, (almost) no sparsity");
        Assert.That(result.Scores[1].MeanJointSparsity, Is.GreaterThan(0.3), "a budget of 3 zeroes unsupported scores by a third of the run");

        // The second candidate's first fold, trained directly: the same number.
        var validation = result.ValidationRows[0].ToArray();
        var training = target.Subset(Enumerable.Range(0, 15).Except(validation).ToArray());
        using var direct = TrainingEngine.BiRpt(_pretrained!, _source!, training, Stage, result.Scores[1].Sparsity, options);
        var held = target.Subset(validation);
        var mse = MeanSquaredError(direct.Predict(held.Images), held.Targets!);
        Assert.That(result.Scores[1].FoldMetrics[0], Is.EqualTo(mse).Within(1e-6));
    }

    [Test]
    public void The_search_then_trains_the_best_candidate_on_the_whole_training_part()
    {
        var target = Set(Target(12, seed: 3));
        var options = new TrainingOptions { Device = "cpu", Seed = 1 };
        var search = new BiRptSearchOptions { ShrinkBudgetCandidates = [0, 1], LowerLearningRateCandidates = [0, 1e-3], Folds = 2 };

        using var model = BiRptSearch.BiRpt(_pretrained!, _source!, target, out var result, search, Stage, new SparsityOptions { SourceBatchSize = 8 }, options);
        using var direct = TrainingEngine.BiRpt(_pretrained!, _source!, target, Stage, result.Best.Sparsity, options);

        Assert.That(result.Scores.Select(s => (s.Sparsity.ShrinkBudget, s.Sparsity.LowerLearningRate)), Is.EqualTo(new (double?, double)[] { (0, 0), (0, 1e-3), (1, 0), (1, 1e-3) }));
        Assert.That(model.Predict(target.Images), Is.EqualTo(direct.Predict(target.Images)));
    }

    [Test]
    public void Without_budget_candidates_the_grid_keeps_the_given_sparsity_control_and_searches_lambda_l_alone()
    {
        var search = new BiRptSearchOptions { ShrinkBudgetCandidates = null, LowerLearningRateCandidates = [0, 1e-3, 3e-3] };
        var given = new SparsityOptions { Gamma = 2e-4, TargetJointSparsity = 0.1 };

        var candidates = search.CandidatesOver(given);
        search.Validate(20);

        Assert.That(candidates, Is.EqualTo(new[] { given with { LowerLearningRate = 0 }, given with { LowerLearningRate = 1e-3 }, given with { LowerLearningRate = 3e-3 } }));
        Assert.That(new BiRptSearchOptions { ShrinkBudgetCandidates = null }.CandidatesOver(given with { ShrinkBudget = 0.5 }).Single().ShrinkBudget, Is.EqualTo(0.5));
    }

    [Test]
    public void Bad_search_settings_are_named()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new BiRptSearchOptions { ShrinkBudgetCandidates = [0.5, -1] }.Validate(20))!.Message,
            Does.StartWith("ShrinkBudgetCandidates holds -1; every shrink budget must be finite and ≥ 0."));
        Assert.That(Assert.Throws<ArgumentException>(() => new BiRptSearchOptions { ShrinkBudgetCandidates = [1, 1] }.Validate(20))!.Message,
            Does.StartWith("ShrinkBudgetCandidates lists 1 more than once"));
        Assert.That(Assert.Throws<ArgumentException>(() => new BiRptSearchOptions { Candidates = [] }.Validate(20))!.Message, Does.StartWith("Candidates is empty"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new BiRptSearchOptions { Folds = 13 }.Validate(12))!.Message,
            Does.StartWith("Folds must be between 2 and 12 for these 12 target training rows."));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiRptSearchOptions { Candidates = [new SparsityOptions { Gamma = -1 }] }.Validate(12));
    }

    [Test]
    public void A_stage_optimiser_bi_rpt_would_ignore_is_refused()
    {
        var target = Set(Target(8, seed: 3));
        var e = Assert.Throws<ArgumentException>(() => TrainingEngine.BiRpt(_pretrained!, _source!, target, Stage with { Momentum = 0.9 }));
        Assert.That(e!.Message, Does.StartWith("Bi-RPT updates θ by plain SGD"));
        Assert.That(e.Message, Does.Contain("momentum 0.9"));
    }
}
