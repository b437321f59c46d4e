using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Tests.Training;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Methods.HandTune;

[TestFixture]
[NonParallelizable]
public sealed class PruningRoundsSearchTests
{
    private static readonly StageOptions QuickPretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32, LearningRate = 3e-3 };
    private static readonly StageOptions QuickFineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 3, LearningRate = 1e-2, StepSize = 20 };
    private static readonly SparsityOptions OneEpochRounds = new() { PretrainingRoundEpochs = 1, TransferRoundEpochs = 2 };
    private static readonly TrainingOptions Cpu = new() { Seed = 3, Device = "cpu" };
    private static readonly TrainingSet SourceSet = Set(Source(300, seed: 1));
    private static readonly TrainingSet TargetSet = Set(Target(12, seed: 2));

    [Test]
    public void Every_table_entry_equals_a_standalone_hand_tune_with_exactly_those_rounds_on_the_folds_training_rows()
    {
        var search = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [0, 2], TransferRoundCandidates = [0, 1, 2], Folds = 3, Seed = 7 };
        var result = PruningRoundsSearch.Run(SourceSet, TargetSet, search, SmallNetwork, QuickPretraining, QuickFineTuning, OneEpochRounds, Cpu);

        foreach (var (ns, nt, fold) in new[] { (2, 1, 1), (0, 2, 0) })
        {
            var validation = result.ValidationRows[fold];
            var train = Enumerable.Range(0, TargetSet.Count).Except(validation).ToArray();
            var rounds = OneEpochRounds with { PretrainingRounds = ns, TransferRounds = nt };
            using var pretrained = TrainingEngine.PretrainSparse(SourceSet, SmallNetwork, QuickPretraining, rounds, Cpu);
            using var model = TrainingEngine.FineTuneSparse(pretrained, TargetSet.Subset(train), QuickFineTuning, rounds, Cpu);
            var held = TargetSet.Subset(validation);
            var mse = MeanSquaredError(model.Predict(held.Images), held.Targets!);
            Assert.That(result[ns, nt].FoldMetrics[fold], Is.EqualTo(mse), $"N_s {ns}, N_t {nt}, fold {fold}: same seed, same numbers");
        }
    }

    [Test]
    public void A_snapshot_after_n_pretraining_rounds_predicts_exactly_as_pretrain_sparse_with_n_rounds()
    {
        var snapshots = HandTuneSnapshots.PretrainSparseSnapshots(SourceSet, [0, 1, 3], SmallNetwork, QuickPretraining, OneEpochRounds, Cpu);
        try
        {
            Assert.That(snapshots.Keys.Order(), Is.EqualTo(new[] { 0, 1, 3 }));
            var images = Target(10, seed: 9).Images;
            foreach (var rounds in new[] { 0, 1, 3 })
            {
                using var standalone = TrainingEngine.PretrainSparse(SourceSet, SmallNetwork, QuickPretraining, OneEpochRounds with { PretrainingRounds = rounds }, Cpu);
                Assert.That(snapshots[rounds].Predict(images), Is.EqualTo(standalone.Predict(images)), $"N_s = {rounds}");
                Assert.That(snapshots[rounds].Sparsity.Source, Is.EqualTo(standalone.Sparsity.Source));
            }

            Assert.That(snapshots[3].Sparsity.Source, Is.EqualTo(1 - Math.Pow(0.8, 3)).Within(0.002));
        }
        finally
        {
            foreach (var snapshot in snapshots.Values)
            {
                snapshot.Dispose();
            }
        }
    }

    [Test]
    public void The_table_has_one_entry_per_pair_the_folds_partition_the_given_rows_only_and_best_is_the_lowest_mean()
    {
        // Groups: pairs of rows share a key (one composition at two temperatures) and must share a fold.
        var groups = Enumerable.Range(0, TargetSet.Count).Select(r => $"alloy {r / 2}").ToArray();
        var search = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [1, 0], TransferRoundCandidates = [0, 2, 1], Folds = 4, Groups = groups };
        var result = PruningRoundsSearch.Run(SourceSet, TargetSet, search, SmallNetwork, QuickPretraining, QuickFineTuning, OneEpochRounds, Cpu);

        Assert.That(result.Scores, Has.Count.EqualTo(6));
        Assert.That(result.Scores.Select(s => (s.PretrainingRounds, s.TransferRounds)),
            Is.EqualTo(new[] { (1, 0), (1, 2), (1, 1), (0, 0), (0, 2), (0, 1) }), "N_s-major, in candidate order");
        Assert.That(result.Scores.Select(s => s.FoldMetrics.Count), Has.All.EqualTo(4));
        Assert.That(result.Scores.Select(s => s.Mean), Has.All.GreaterThan(0).And.All.LessThan(10));
        Assert.That(result.Scores.Select(s => s.Mean), Is.EqualTo(result.Scores.Select(s => s.FoldMetrics.Average())));
        Assert.That(result.Best.Mean, Is.EqualTo(result.Scores.Min(s => s.Mean)));
        Assert.That(result.MetricName, Is.EqualTo("MSE (GPa²)"));

        Assert.That(result.ValidationRows.SelectMany(f => f).Order(), Is.EqualTo(Enumerable.Range(0, TargetSet.Count)), "each given row validated once, nothing else");
        Assert.That(result.ValidationRows.Select(f => f.Count), Is.EquivalentTo(new[] { 4, 4, 2, 2 }), "balanced: 6 groups of 2 over 4 folds");
        foreach (var fold in result.ValidationRows)
        {
            Assert.That(fold.Select(r => groups[r]).Distinct().Count() * 2, Is.EqualTo(fold.Count), "a group is never split across folds");
        }
    }

    [Test]
    public void Ties_go_to_fewer_rounds_then_fewer_pretraining_rounds_and_classification_maximises_accuracy()
    {
        PruningRoundsScore Score(int ns, int nt, double value) => new(ns, nt, [value, value]);
        var regression = new PruningRoundsSearchResult(
            YieldTask.Regression, [Score(2, 0, 0.1), Score(0, 2, 0.1), Score(1, 2, 0.1), Score(3, 3, 0.2)], [[0], [1]]);
        Assert.That((regression.Best.PretrainingRounds, regression.Best.TransferRounds), Is.EqualTo((0, 2)));

        var classification = new PruningRoundsSearchResult(
            YieldTask.Classification, [Score(0, 0, 0.5), Score(1, 1, 0.75), Score(2, 0, 0.75), Score(3, 0, 0.7)], [[0], [1]]);
        Assert.That((classification.Best.PretrainingRounds, classification.Best.TransferRounds), Is.EqualTo((1, 1)));
        Assert.That(classification.MetricName, Is.EqualTo("accuracy"));
        Assert.Throws<KeyNotFoundException>(() => _ = classification[5, 0]);
    }

    [Test]
    public void Classification_searches_by_accuracy()
    {
        var (images, labels) = Target(12, seed: 2);
        var target = TrainingSet.ForClassification(images, labels.Select(y => Math.Min((int)(y / 0.5f), 4)).ToArray(), 5, ImageShape.PeriodicTable);
        var (sourceImages, sourceLabels) = Source(200, seed: 1);
        var source = TrainingSet.ForClassification(sourceImages, sourceLabels.Select(y => Math.Min((int)(y / 0.5f), 4)).ToArray(), 5, ImageShape.PeriodicTable);
        var network = SmallNetwork with { Task = YieldTask.Classification };
        var search = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [0, 1], TransferRoundCandidates = [0, 1], Folds = 3 };

        var result = PruningRoundsSearch.Run(source, target, search, network, QuickPretraining, QuickFineTuning, OneEpochRounds, Cpu);

        Assert.That(result.Task, Is.EqualTo(YieldTask.Classification));
        Assert.That(result.Scores.SelectMany(s => s.FoldMetrics), Has.All.InRange(0.0, 1.0));
        Assert.That(result.Scores.SelectMany(s => s.FoldMetrics).Select(a => a * 4 % 1), Has.All.EqualTo(0).Within(1e-12), "4 rows per fold");
        Assert.That(result.Best.Mean, Is.EqualTo(result.Scores.Max(s => s.Mean)));
    }

    [Test]
    public void Hand_tune_with_search_trains_the_best_pair_on_all_training_rows_as_a_plain_hand_tune_would()
    {
        var search = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [0, 1], TransferRoundCandidates = [0, 1], Folds = 3 };
        using var model = PruningRoundsSearch.HandTune(
            SourceSet, TargetSet, out var result, search, SmallNetwork, QuickPretraining, QuickFineTuning, OneEpochRounds, Cpu);

        var best = OneEpochRounds with { PretrainingRounds = result.Best.PretrainingRounds, TransferRounds = result.Best.TransferRounds };
        using var plain = TrainingEngine.HandTune(SourceSet, TargetSet, SmallNetwork, QuickPretraining, QuickFineTuning, best, Cpu);
        var images = Target(10, seed: 9).Images;
        Assert.That(model.Predict(images), Is.EqualTo(plain.Predict(images)));
        Assert.That(model.Sparsity.Joint, Is.EqualTo(1 - Math.Pow(0.8, best.PretrainingRounds + best.TransferRounds)).Within(0.002));
    }

    [Test]
    public void Progress_names_the_fold_and_cancellation_stops_the_search()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(report =>
        {
            if (report.Stage.StartsWith("CV N_s 1, fold 2/3", StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        });
        var options = Cpu with { Progress = progress, ProgressInterval = 1, CancellationToken = cancellation.Token };
        var search = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [0, 1], TransferRoundCandidates = [0, 1], Folds = 3 };

        Assert.Throws(Is.InstanceOf<OperationCanceledException>(),
            () => PruningRoundsSearch.Run(SourceSet, TargetSet, search, SmallNetwork, QuickPretraining, QuickFineTuning, OneEpochRounds, options));

        var stages = progress.Reports.Select(r => r.Stage).Distinct().ToArray();
        Assert.That(stages, Is.EqualTo(new[]
        {
            "pretraining", "pretraining (IMP round 1)",
            "CV N_s 0, fold 1/3: fine-tuning", "CV N_s 0, fold 1/3: fine-tuning (IMP round 1)",
            "CV N_s 0, fold 2/3: fine-tuning", "CV N_s 0, fold 2/3: fine-tuning (IMP round 1)",
            "CV N_s 0, fold 3/3: fine-tuning", "CV N_s 0, fold 3/3: fine-tuning (IMP round 1)",
            "CV N_s 1, fold 1/3: fine-tuning", "CV N_s 1, fold 1/3: fine-tuning (IMP round 1)",
            "CV N_s 1, fold 2/3: fine-tuning",
        }));
        Assert.That(progress.Reports.Count(r => r.Stage == "CV N_s 1, fold 2/3: fine-tuning"), Is.EqualTo(1), "stopped at the next step");
    }

    [TestCase(13, null, null, "Folds", "between 2 and 12")]
    [TestCase(1, null, null, "Folds", "between 2 and 12")]
    [TestCase(5, "", null, "PretrainingRoundCandidates", "empty")]
    [TestCase(5, null, "0,-1", "TransferRoundCandidates", "-1")]
    [TestCase(5, "1,1", null, "PretrainingRoundCandidates", "N_s = 1 more than once")]
    public void Bad_search_settings_are_rejected_before_any_training(int folds, string? ns, string? nt, string member, string detail)
    {
        static int[] Parse(string? list, int[] fallback) =>
            list is null ? fallback : list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var search = new PruningRoundsSearchOptions { Folds = folds, PretrainingRoundCandidates = Parse(ns, [0, 1]), TransferRoundCandidates = Parse(nt, [0]) };
        var progress = new RecordingProgress();

        var e = Assert.Catch<ArgumentException>(() => PruningRoundsSearch.Run(SourceSet, TargetSet, search, SmallNetwork, QuickPretraining, QuickFineTuning, OneEpochRounds, Cpu with { Progress = progress }));

        Assert.That(e!.ParamName, Is.EqualTo(member));
        Assert.That(e.Message, Does.Contain(detail));
        Assert.That(progress.Reports, Is.Empty);
    }

    [Test]
    public void Groups_must_match_the_rows_and_leave_enough_groups_for_the_folds()
    {
        var wrongCount = new PruningRoundsSearchOptions { Groups = ["a", "b"] };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => wrongCount.Validate(12));
        Assert.That(e!.Message, Does.Contain("2 keys for 12 target rows"));

        var fewGroups = new PruningRoundsSearchOptions { Folds = 5, Groups = Enumerable.Range(0, 12).Select(r => $"g{r % 4}").ToArray() };
        e = Assert.Throws<ArgumentOutOfRangeException>(() => fewGroups.Validate(12));
        Assert.That(e!.Message, Does.Contain("between 2 and 4 for these 4 groups"));
        Assert.That(e.ParamName, Is.EqualTo("Folds"));
    }
}
