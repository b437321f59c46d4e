using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Methods.Dense;

/// <summary>No Pretraining, pre-training and Pretrain-and-transfer: one optimiser on one domain (Chen et al., CPAL 2024, §5).</summary>
internal static class DenseTraining
{
    /// <summary>See <see cref="TrainingEngine.TrainWithoutPretraining"/>.</summary>
    internal static TrainedYieldModel TrainWithoutPretraining(
        TrainingSet target, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Fits.Run(
            new FitStart(network ?? Fits.DefaultsFor(target), stage ?? StageOptions.PaperFineTuning, options, OnTarget: true) { Data = [(target, nameof(target))] },
            (model, fit) => OptimizerStage.Run("training", model, target, fit),
            (model, fit) => new TrainedYieldModel(model, fit.Device));
    }

    /// <summary>See <see cref="TrainingEngine.Pretrain"/>.</summary>
    internal static PretrainedNetwork Pretrain(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Fits.Run(
            Fits.PretrainingStart(source, network, stage, options),
            (model, fit) => OptimizerStage.Run("pretraining", model, source, fit),
            (model, _) => new PretrainedNetwork(model.to(CPU)));
    }

    /// <summary>See <see cref="TrainingEngine.FineTune"/>.</summary>
    internal static TrainedYieldModel FineTune(
        PretrainedNetwork pretrained, TrainingSet target, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Fits.Run(
            Fits.TransferStart(pretrained, stage, options, (target, nameof(target))),
            (model, fit) => OptimizerStage.Run("fine-tuning", model, target, fit),
            (model, fit) => new TrainedYieldModel(model, fit.Device));
    }


}
