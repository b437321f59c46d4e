using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Training;

[TestFixture]
[NonParallelizable]
public sealed class EpochCallbackTests
{
    private static readonly StageOptions QuickPretraining = StageOptions.PaperPretraining with { MaxEpoch = 2, BatchSize = 32, LearningRate = 3e-3 };
    private static readonly StageOptions QuickFineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 3, LearningRate = 1e-2, StepSize = 2 };
    private static readonly float[] TestImages = Target(20, seed: 9).Images;

    /// <summary>What each callback saw: stage, epoch, target epoch and the predictions of <see cref="TestImages"/>.</summary>
    private sealed record Seen(string Stage, int Epoch, int MaxEpoch, int TargetEpoch, float[] Predictions, float[] OneByOne);

    private static TrainingOptions Recording(List<Seen> seen, Action<TrainingEpoch>? after = null) => new()
    {
        Seed = 7,
        Device = "cpu",
        EpochCompleted = e =>
        {
            seen.Add(new Seen(e.Stage, e.Epoch, e.MaxEpoch, e.TargetEpoch, e.Predict(TestImages), e.Predict(TestImages, batchSize: 1)));
            after?.Invoke(e);
        },
    };

    [Test]
    public void Called_once_per_epoch_and_the_last_epoch_predicts_as_the_final_model()
    {
        var target = Set(Target(12, seed: 2));
        var seen = new List<Seen>();
        TrainingEpoch? kept = null;

        using var model = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, QuickFineTuning, Recording(seen, e => kept = e));
        using var without = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, QuickFineTuning, new TrainingOptions { Seed = 7, Device = "cpu" });

        Assert.That(seen.Select(s => (s.Stage, s.Epoch, s.MaxEpoch, s.TargetEpoch)), Is.EqualTo(new[] { ("training", 1, 3, 1), ("training", 2, 3, 2), ("training", 3, 3, 3) }));
        Assert.That(seen[^1].Predictions, Is.EqualTo(model.Predict(TestImages)), "the last epoch's weights are the final model's");
        Assert.That(seen[0].Predictions, Is.Not.EqualTo(seen[^1].Predictions), "earlier epochs predict with earlier weights");
        Assert.That(seen.Select(s => s.OneByOne), Is.EqualTo(seen.Select(s => s.Predictions)).Using<float[]>(Close),
            "evaluation mode: batch-norm uses its running statistics, so the batch size does not change a prediction");
        Assert.That(model.Predict(TestImages), Is.EqualTo(without.Predict(TestImages)),
            "the callback changes nothing: training mode is restored and no statistics or random numbers are consumed");
        Assert.Throws<InvalidOperationException>(() => kept!.Predict(TestImages));
    }

    [Test]
    public void Hand_tune_counts_target_epochs_across_transfer_rounds_and_predicts_through_the_masks()
    {
        var sparsity = new SparsityOptions { PretrainingRounds = 1, TransferRounds = 1, PretrainingRoundEpochs = 1, TransferRoundEpochs = 2 };
        var seen = new List<Seen>();

        using var model = TrainingEngine.HandTune(Set(Source(200, seed: 1)), Set(Target(12, seed: 2)), SmallNetwork, QuickPretraining, QuickFineTuning, sparsity, Recording(seen));

        Assert.That(seen.Select(s => (s.Stage, s.TargetEpoch)), Is.EqualTo(new[]
        {
            ("pretraining", 0), ("pretraining", 0), ("pretraining (IMP round 1)", 0),
            ("fine-tuning", 1), ("fine-tuning", 2), ("fine-tuning", 3),
            ("fine-tuning (IMP round 1)", 4), ("fine-tuning (IMP round 1)", 5),
        }));
        Assert.That(model.Sparsity.Joint, Is.GreaterThan(0.3), "two IMP rounds pruned the model");
        Assert.That(seen[^1].Predictions, Is.EqualTo(model.Predict(TestImages)).Using<float[]>(Close));
    }

    [Test]
    public void Bi_rpt_predicts_through_the_gates_so_the_last_epoch_matches_the_frozen_model()
    {
        using var pretrained = TrainingEngine.Pretrain(Set(Source(200, seed: 1)), SmallNetwork, QuickPretraining, new TrainingOptions { Seed = 7, Device = "cpu" });
        var seen = new List<Seen>();

        using var model = TrainingEngine.BiRpt(pretrained, Set(Source(200, seed: 6)), Set(Target(12, seed: 2)), QuickFineTuning, new SparsityOptions(), Recording(seen));

        Assert.That(seen.Select(s => (s.Stage, s.TargetEpoch)), Is.EqualTo(new[] { ("bi-rpt", 1), ("bi-rpt", 2), ("bi-rpt", 3) }));
        Assert.That(seen[^1].Predictions, Is.EqualTo(model.Predict(TestImages)).Using<float[]>(Close),
            "freezing multiplies the same gates into the weights");
    }

    // Same values up to float rounding (masks and gates are multiplied in a different order once baked).
    private static bool Close(float[] a, float[] b) => a.Length == b.Length && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-4 * (1 + Math.Abs(p.Second)));
}
