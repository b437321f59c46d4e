using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Training;

/// <summary>
/// Every method runs through the one epoch loop, so each gets the same progress, cancellation, divergence and leak checks.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class EpochLoopTests
{
    private static readonly StageOptions Stage = StageOptions.PaperFineTuning with { MaxEpoch = 3, LearningRate = 1e-2, StepSize = 20 };
    private static readonly TrainingSet SourceSet = Set(Source(40, seed: 1));
    private PretrainedNetwork? _pretrained;

    /// <summary>A method under test: trains on (target, stage, options) with a shared small pre-trained network and source set.</summary>
    public sealed record Method(string Name, string StageName, Func<PretrainedNetwork, TrainingSet, StageOptions, TrainingOptions, IDisposable> Train)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Method> Methods { get; } =
    [
        new("no pretraining", "training", (_, t, s, o) => TrainingEngine.TrainWithoutPretraining(t, SmallNetwork, s, o)),
        new("pretrain-and-transfer", "fine-tuning", (p, t, s, o) => TrainingEngine.FineTune(p, t, s, o)),
        new("mix training", "mix-training", (_, t, s, o) => TrainingEngine.MixTrain(SourceSet, t, SmallNetwork, s, o)),
        new("hand-tune transfer", "fine-tuning", (p, t, s, o) => TrainingEngine.FineTuneSparse(p, t, s, new SparsityOptions { TransferRounds = 0 }, o)),
        new("bi-rpt", "bi-rpt", (p, t, s, o) => TrainingEngine.BiRpt(p, SourceSet, t, s, new SparsityOptions(), o)),
    ];

    [OneTimeSetUp]
    public void Pretrain() =>
        _pretrained = TrainingEngine.Pretrain(SourceSet, SmallNetwork, StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 8 }, new TrainingOptions { Device = "cpu" });

    [OneTimeTearDown]
    public void Release() => _pretrained?.Dispose();

    [TestCaseSource(nameof(Methods))]
    public void Progress_reports_every_epoch_with_rates_and_estimates(Method method)
    {
        var progress = new RecordingProgress();
        using (method.Train(_pretrained!, Set(Target(20, seed: 4)), Stage, new TrainingOptions { Device = "cpu", Progress = progress, ProgressInterval = 1000 }))
        {
        }

        Assert.That(progress.Reports.Select(r => r.Epoch), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(progress.Reports, Has.All.Matches<TrainingProgress>(r => r != null && r!.Stage == method.StageName && r.Step == r.StepsPerEpoch
            && r.MaxEpoch == 3 && r.Device == "cpu" && r.SamplesPerSecond > 0 && double.IsFinite(r.Loss) && r.LearningRate > 0));
        Assert.That(progress.Reports[^1].EstimatedRemaining, Is.EqualTo(TimeSpan.Zero));
        Assert.That(progress.Reports[0].EstimatedRemaining, Is.GreaterThan(TimeSpan.Zero));
    }

    [TestCaseSource(nameof(Methods))]
    public void Cancellation_stops_between_steps_and_returns_nothing(Method method)
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(report =>
        {
            if (report.Step == 3)
            {
                cancellation.Cancel();
            }
        });
        var options = new TrainingOptions { Device = "cpu", Progress = progress, ProgressInterval = 1, CancellationToken = cancellation.Token };

        Assert.Throws(Is.InstanceOf<OperationCanceledException>(), () => method.Train(_pretrained!, Set(Target(40, seed: 4)), Stage, options).Dispose());
        Assert.That(progress.Reports.Select(r => r.Step), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [TestCaseSource(nameof(Methods))]
    public void Infinite_loss_stops_with_the_stage_epoch_and_step(Method method)
    {
        var (images, labels) = Target(12, seed: 4);
        labels[5] = 1e30f; // finite, so it passes validation, but its square overflows float
        var data = TrainingSet.ForRegression(images, labels, ImageShape.PeriodicTable);

        var error = Assert.Throws<TrainingDivergedException>(() =>
            method.Train(_pretrained!, data, Stage with { BatchSize = 12 }, new TrainingOptions { Device = "cpu" }).Dispose());

        Assert.That(error!.Message, Does.StartWith($"The {method.StageName} loss became").And.Contain("at epoch 1, step 1; lower the learning rate"));
    }

    [TestCaseSource(nameof(Methods))]
    public void Live_tensor_count_stays_flat_across_epochs_and_returns_after_disposal(Method method)
    {
        var target = Set(Target(8, seed: 2));
        var liveAtEpochEnd = new List<long>();
        var progress = new RecordingProgress(r =>
        {
            if (r.Step == r.StepsPerEpoch)
            {
                liveAtEpochEnd.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            }
        });

        DisposeScopeManager.Statistics.Reset();
        using (method.Train(_pretrained!, target, Stage with { MaxEpoch = 4 }, new TrainingOptions { Device = "cpu", Progress = progress }))
        {
        }

        Assert.That(liveAtEpochEnd, Has.Count.EqualTo(4));
        Assert.That(liveAtEpochEnd, Has.All.EqualTo(liveAtEpochEnd[0]), string.Join(", ", liveAtEpochEnd));
        Assert.That(DisposeScopeManager.Statistics.ThreadTotalLiveCount, Is.LessThanOrEqualTo(liveAtEpochEnd[0]), "after disposal");
    }
}
