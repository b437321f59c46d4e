using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Methods.Mix;

/// <summary>Mix Training (Chen et al., CPAL 2024, §5): one trunk, a source head and a target head, both domains in every step.</summary>
internal static class MixTraining
{
    /// <summary>See <see cref="TrainingEngine.MixTrain"/>.</summary>
    internal static TrainedYieldModel MixTrain(
        TrainingSet source, TrainingSet target, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var architecture = (network ?? Fits.DefaultsFor(target)) with { HasSourceHead = true };
        return Fits.Run(
            new FitStart(architecture, stage ?? StageOptions.PaperPretraining, options, OnTarget: true) { Data = [(source, nameof(source)), (target, nameof(target))] },
            (model, fit) =>
            {
                var random = new Random(fit.Options.Seed);
                using var sourceBatches = new BatchFeeder(source, fit.Stage.BatchSize, random, fit.Device);
                using var targetBatches = new BatchFeeder(target, fit.Stage.BatchSize, random, fit.Device);
                using var mix = new OptimizerStage(model, fit.Stage, sourceBatches.StepsPerEpoch, sourceBatches.Shuffle, step =>
                {
                    var (sourceImages, sourceLabels) = sourceBatches.Batch(step);
                    var (targetImages, targetLabels) = targetBatches.Next();
                    var loss = YieldLoss.Of(fit.Network.Task, model.forward(sourceImages, YieldHead.Source, null), sourceLabels)
                        + YieldLoss.Of(fit.Network.Task, model.forward(targetImages, YieldHead.Target, null), targetLabels);
                    return (loss, (int)(sourceImages.shape[0] + targetImages.shape[0]));
                });
                EpochLoop.Run("mix-training", model, fit, mix);
            },
            (model, fit) => new TrainedYieldModel(model, fit.Device));
    }
}
