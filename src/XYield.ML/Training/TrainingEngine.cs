using XYield.ML.Methods.BiRpt;
using XYield.ML.Methods.Dense;
using XYield.ML.Methods.HandTune;
using XYield.ML.Methods.Mix;
using XYield.ML.Models;

namespace XYield.ML.Training;

/// <summary>
/// The training methods (Chen et al., CPAL 2024, §5 and Appendices A–B.1) over in-memory data, below the ML.NET layer:
/// No Pretraining, pre-training and Pretrain-and-transfer, Mix Training, Hand-Tune and its one-stage variants, and Bi-RPT.
/// Each call is one synchronous fit on the calling thread, through the one epoch loop every method shares.
/// </summary>
public static class TrainingEngine
{
    /// <summary>No Pretraining: trains a fresh network on the target data only.</summary>
    /// <param name="target">The (experimental) training data.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's fine-tuning settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel TrainWithoutPretraining(
        TrainingSet target, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null) =>
        DenseTraining.TrainWithoutPretraining(target, network, stage, options);

    /// <summary>Pre-training: trains a fresh network on the source (simulated) data.</summary>
    /// <param name="source">The source training data.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's pre-training settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    /// <returns>The pre-trained network, on the CPU, ready to be saved or fine-tuned any number of times.</returns>
    public static PretrainedNetwork Pretrain(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null) =>
        DenseTraining.Pretrain(source, network, stage, options);

    /// <summary>Transfer: fine-tunes a clone of a pre-trained network on the target data; the pre-trained network is not modified.</summary>
    /// <param name="pretrained">The pre-trained network.</param>
    /// <param name="target">The (experimental) training data.</param>
    /// <param name="stage">The stage settings; null for the paper's fine-tuning settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel FineTune(
        PretrainedNetwork pretrained, TrainingSet target, StageOptions? stage = null, TrainingOptions? options = null) =>
        DenseTraining.FineTune(pretrained, target, stage, options);

    /// <summary>
    /// Mix Training: one trunk with a source head and a target head; every step takes a source batch and a target
    /// batch and minimises the sum of their losses. An epoch is one pass over the source data; the target data
    /// cycles, reshuffled at each pass.
    /// </summary>
    /// <param name="source">The source (simulated) training data.</param>
    /// <param name="target">The target (experimental) training data.</param>
    /// <param name="network">The architecture (the source head is added); null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's pre-training settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    /// <returns>The model, predicting with the target head.</returns>
    public static TrainedYieldModel MixTrain(
        TrainingSet source, TrainingSet target, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null) =>
        MixTraining.MixTrain(source, target, network, stage, options);

    /// <summary>
    /// Bi-RPT from a pre-trained network (Algorithm 2 starts from θ trained on the source data). Every upper-level step:
    /// every <see cref="SparsityOptions.LowerLevelInterval"/> steps, <see cref="SparsityOptions.UnrollSteps"/> SGD steps of θ on
    /// source batches with the g_ε(m_s)-gated weights (λ_l); then on a target batch with the g_ε(m_s) ⊙ g_ε(m_t)-gated weights,
    /// θ takes an SGD step (λ_u times the fine-tuning schedule), m_t takes −λ_m ∂L_t/∂m_t and m_s takes
    /// −λ_m (∂L_t/∂m_s − λ_l ∇_{m_s}(∇θL_s · ∇θL_t)) (Eq. 10), and both masks pass the proximal soft threshold with
    /// γ·λ_m (Eqs. 11–12). ε decays every epoch. At the end the gates are multiplied into the weights and the masks become
    /// 0/1 (0 where a score reached exactly 0), so the model predicts with exactly the weights its masks keep.
    /// </summary>
    /// <param name="pretrained">The starting network (dense or carrying m_s); it is not modified.</param>
    /// <param name="source">Source (simulated) data for the lower level.</param>
    /// <param name="target">Target (experimental) data for the upper level.</param>
    /// <param name="stage">Epochs, batch size and learning-rate schedule; null for the paper's fine-tuning settings.</param>
    /// <param name="sparsity">The Bi-RPT coefficients; null for the defaults of <see cref="SparsityOptions"/>.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel BiRpt(
        PretrainedNetwork pretrained, TrainingSet source, TrainingSet target, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null) =>
        BiRptTraining.BiRpt(pretrained, source, target, stage, sparsity, options);

    /// <summary>
    /// Sparse pre-training: trains a fresh network densely on the source data, then runs
    /// <see cref="SparsityOptions.PretrainingRounds"/> IMP rounds (prune <see cref="SparsityOptions.PruningRate"/> of the
    /// remaining weights by magnitude into m_s, retrain with the pruned weights held at zero).
    /// </summary>
    /// <returns>The pre-trained network carrying m_s, on the CPU, reusable for any number of fine-tunes.</returns>
    public static PretrainedNetwork PretrainSparse(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null) =>
        HandTuneTraining.PretrainSparse(source, network, stage, sparsity, options);

    /// <summary>
    /// Sparse transfer: fine-tunes a clone of a (possibly sparse) pre-trained network on the target data with m_s fixed,
    /// then runs <see cref="SparsityOptions.TransferRounds"/> IMP rounds into m_t among the weights m_s kept.
    /// The final mask is m_s ⊙ m_t; the pre-trained network is not modified.
    /// </summary>
    public static TrainedYieldModel FineTuneSparse(
        PretrainedNetwork pretrained, TrainingSet target, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null) =>
        HandTuneTraining.FineTuneSparse(pretrained, target, stage, sparsity, options);

    /// <summary>Hand-Tune end to end: <see cref="PretrainSparse"/> then <see cref="FineTuneSparse"/>.</summary>
    public static TrainedYieldModel HandTune(
        TrainingSet source,
        TrainingSet target,
        YieldCnnOptions? network = null,
        StageOptions? pretraining = null,
        StageOptions? fineTuning = null,
        SparsityOptions? sparsity = null,
        TrainingOptions? options = null) =>
        HandTuneTraining.HandTune(source, target, network, pretraining, fineTuning, sparsity, options);
}
