using TorchSharp;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Training;

[TestFixture]
[NonParallelizable]
public sealed class LeakTests
{
    [Test]
    public void Live_tensor_count_stays_flat_across_epochs()
    {
        var source = Set(Source(48, seed: 1));
        var target = Set(Target(8, seed: 2));
        var stage = StageOptions.PaperPretraining with { MaxEpoch = 4, BatchSize = 8 };

        // The count at the end of every epoch: the steps in between must release everything they create.
        var liveAtEpochEnd = new List<long>();
        var progress = new RecordingProgress(r =>
        {
            if (r.Step == r.StepsPerEpoch)
            {
                liveAtEpochEnd.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            }
        });
        var options = new TrainingOptions { Device = "cpu", Progress = progress };

        DisposeScopeManager.Statistics.Reset();
        using (var model = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, stage, options))
        {
            model.Predict(target.Images.Concat(target.Images).ToArray(), batchSize: 3);
        }

        using (var mixed = TrainingEngine.MixTrain(source, target, SmallNetwork, stage, options))
        {
        }

        Assert.That(liveAtEpochEnd, Has.Count.EqualTo(8));
        Assert.That(liveAtEpochEnd.Take(4), Has.All.EqualTo(liveAtEpochEnd[0]), string.Join(", ", liveAtEpochEnd));
        Assert.That(liveAtEpochEnd.Skip(4), Has.All.EqualTo(liveAtEpochEnd[4]), string.Join(", ", liveAtEpochEnd));
        Assert.That(DisposeScopeManager.Statistics.ThreadTotalLiveCount, Is.LessThanOrEqualTo(liveAtEpochEnd[0]), "after disposal");
    }
}
