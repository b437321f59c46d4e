
namespace XYield.ML.Training;

// Bi-RPT (Chen et al., CPAL 2024, Algorithm 2, Eqs. 3–12): gated masks m_s and m_t learned by bi-level optimisation.
public static partial class TrainingEngine
{
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
    /// <param name="sparsity">The Bi-RPT coefficients; null for design.md's defaults.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel BiRpt(
        PretrainedNetwork pretrained, TrainingSet source, TrainingSet target, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        sparsity = Validated(sparsity);
        return Fit(
            TransferStart(pretrained, stage, options, (source, nameof(source)), (target, nameof(target))),
            (model, fit) =>
            {
                using var biLevel = new BiRptStage(model, source, target, fit, sparsity);
                EpochLoop.Run("bi-rpt", model, fit, biLevel);
            },
            (model, fit) => new TrainedYieldModel(model, fit.Device));
    }
}
