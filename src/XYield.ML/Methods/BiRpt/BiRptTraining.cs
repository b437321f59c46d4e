using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Methods.BiRpt;

// Bi-RPT (Chen et al., CPAL 2024, Algorithm 2, Eqs. 3–12): gated masks m_s and m_t learned by bi-level optimisation.
internal static class BiRptTraining
{
    /// <summary>See <see cref="TrainingEngine.BiRpt"/>.</summary>
    internal static TrainedYieldModel BiRpt(
        PretrainedNetwork pretrained, TrainingSet source, TrainingSet target, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        sparsity = SparsityOptions.ValidatedOrDefault(sparsity);
        if (stage is { } s && (s.Optimizer != OptimizerKind.Sgd || s.Momentum != 0 || s.WeightDecay != 0))
        {
            // Eq. 9 is a plain gradient step at λ_u; silently dropping a requested momentum or Adam would mislead.
            throw new ArgumentException(
                "Bi-RPT updates θ by plain SGD at SparsityOptions.UpperLearningRate (its schedule from the fine-tuning stage): the stage's "
                + $"Optimizer must be Sgd with Momentum 0 and WeightDecay 0 (got {s.Optimizer}, momentum {s.Momentum.ToString(System.Globalization.CultureInfo.InvariantCulture)}, weight decay {s.WeightDecay.ToString(System.Globalization.CultureInfo.InvariantCulture)}).",
                nameof(stage));
        }

        return Fits.Run(
            Fits.TransferStart(pretrained, stage, options, (source, nameof(source)), (target, nameof(target))),
            (model, fit) =>
            {
                using var biLevel = new BiRptStage(model, source, target, fit, sparsity);
                EpochLoop.Run("bi-rpt", model, fit, biLevel);
            },
            (model, fit) => new TrainedYieldModel(model, fit.Device));
    }
}
