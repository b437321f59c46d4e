using XYield.ML.Training;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// The rates of one Bi-RPT step, as the schedule sets them for an epoch: λ_u (θ on target batches), λ_l (θ on source
/// batches), the scale of Eq. 10's term, λ_m (mask scores) and the proximal threshold τ.
/// </summary>
internal readonly record struct BiRptStepRates(double Upper, double Lower, double HyperGradientScale, double Mask, double Threshold)
{
    /// <summary>The rates of the first epoch without a schedule: <paramref name="sparsity"/>'s λ_u, λ_l, λ_m and γ·λ_m.</summary>
    public static BiRptStepRates Constant(SparsityOptions sparsity) => new(
        sparsity.UpperLearningRate,
        sparsity.LowerLearningRate,
        sparsity.HyperGradientScale ?? sparsity.LowerLearningRate,
        sparsity.MaskLearningRate,
        sparsity.Gamma * sparsity.MaskLearningRate);
}
