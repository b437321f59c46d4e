using TorchSharp;
using static TorchSharp.torch;

namespace XYield.ML.Models.Masking;

/// <summary>
/// The proximal step of Bi-RPT (Chen et al., CPAL 2024, Eqs. 11–12): the ℓ1 relaxation of the joint-mask sparsity
/// penalty γ‖m_s ⊙ m_t‖ has a closed-form soft threshold for each mask, with a per-entry threshold
/// τ_i = γ·λ_m / |other_i| that grows where the other mask is small (so an entry the other mask already
/// removes is removed here too).
/// </summary>
/// <remarks>
/// The paper writes the threshold as γλ_m / m̂_{other,i}; we use its magnitude because the gate g_ε(x) = x²/(x²+ε)
/// is even, so a score's sign carries no meaning, and a signed threshold would be negative for negative scores.
/// An entry whose partner is exactly 0 gets an infinite threshold and becomes 0.
/// </remarks>
public static class ProximalThreshold
{
    /// <summary>Soft-thresholds <paramref name="scores"/> with τ = <paramref name="gammaTimesLearningRate"/> / |<paramref name="partner"/>|.</summary>
    /// <param name="scores">m̂ of the mask being updated (not modified).</param>
    /// <param name="partner">m̂ of the other mask, same shape.</param>
    /// <param name="gammaTimesLearningRate">γ·λ_m (≥ 0).</param>
    public static Tensor Apply(Tensor scores, Tensor partner, double gammaTimesLearningRate)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(partner);
        if (!(gammaTimesLearningRate >= 0) || !double.IsFinite(gammaTimesLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(gammaTimesLearningRate), gammaTimesLearningRate, "γ·λ_m must be finite and ≥ 0.");
        }

        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var penalty = gammaTimesLearningRate.ToScalar();
        var threshold = partner.abs().reciprocal().mul(penalty);
        var shrunk = scores.abs() - threshold;
        return (scores.sign() * shrunk.clamp_min(0)).nan_to_num(0).MoveToOuterDisposeScope();
    }
}
