using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Training;

/// <summary><see cref="StageOptions.StopAfterEpoch"/>: the full run's first epochs exactly, the schedule still laid out over MaxEpoch.</summary>
[TestFixture]
[NonParallelizable]
public sealed class StopAfterEpochTests
{
    private static readonly float[] TestImages = Target(10, seed: 9).Images;

    [TestCase(LearningRateSchedule.Step)]
    [TestCase(LearningRateSchedule.CosineAnnealing)]
    public void A_stopped_run_is_the_full_runs_prefix(LearningRateSchedule schedule)
    {
        var stage = StageOptions.PaperFineTuning with { MaxEpoch = 5, StepSize = 2, LearningRate = 1e-2, Schedule = schedule };
        var target = Set(Target(12, seed: 2));
        var atEpoch3 = Array.Empty<float>();
        var full = new TrainingOptions { Seed = 4, Device = "cpu", EpochCompleted = e => atEpoch3 = e.Epoch == 3 ? e.Predict(TestImages) : atEpoch3 };
        var seen = new List<(int Epoch, int MaxEpoch)>();
        var stopped = new TrainingOptions { Seed = 4, Device = "cpu", EpochCompleted = e => seen.Add((e.Epoch, e.MaxEpoch)) };

        using var fullModel = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, stage, full);
        using var stoppedModel = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, stage with { StopAfterEpoch = 3 }, stopped);
        using var shorter = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, stage with { MaxEpoch = 3 }, new TrainingOptions { Seed = 4, Device = "cpu" });

        Assert.That(seen, Is.EqualTo(new[] { (1, 3), (2, 3), (3, 3) }));
        Assert.That(stoppedModel.Predict(TestImages), Is.EqualTo(atEpoch3), "same weights as the full run after its third epoch");
        Assert.That(fullModel.Predict(TestImages), Is.Not.EqualTo(atEpoch3));
        if (schedule == LearningRateSchedule.CosineAnnealing)
        {
            Assert.That(shorter.Predict(TestImages), Is.Not.EqualTo(atEpoch3), "a 3-epoch cosine schedule is a different run: stopping is not shortening");
        }
    }

    [TestCase(0)]
    [TestCase(6)]
    public void Out_of_range_is_refused_naming_the_member(int stop)
    {
        var stage = StageOptions.PaperFineTuning with { MaxEpoch = 5, StopAfterEpoch = stop };

        var error = Assert.Throws<ArgumentOutOfRangeException>(stage.Validate);

        Assert.That(error!.ParamName, Is.EqualTo(nameof(StageOptions.StopAfterEpoch)));
        Assert.That(error.Message, Does.Contain("between 1 and MaxEpoch (5)"));
    }
}
