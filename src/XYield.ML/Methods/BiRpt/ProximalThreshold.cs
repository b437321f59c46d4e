using TorchSharp;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Methods.BiRpt;

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
        using var penalty = gammaTimesLearningRate.ToScalar();
        using var scoreMagnitude = scores.abs();
        using var partnerReciprocal = partner.abs().reciprocal_();
        var result = scores.clone();
        Shrink(result, scoreMagnitude, partnerReciprocal, penalty);
        return result;
    }

    /// <summary>
    /// Eqs. 11 and 12 together, in place: <paramref name="sourceHat"/> becomes m_s = prox(m̂_s; m̂_t) and
    /// <paramref name="transferHat"/> becomes m_t = prox(m̂_t; m̂_s), both from the values before the call. The same numbers
    /// as two calls of <see cref="Apply"/>, with three weight-sized temporaries instead of about twenty: Bi-RPT runs this on
    /// every mask of every step, and on small batches fresh weight-sized buffers cost more than the arithmetic.
    /// </summary>
    /// <param name="sourceHat">m̂_s; overwritten with m_s.</param>
    /// <param name="transferHat">m̂_t, same shape; overwritten with m_t.</param>
    /// <param name="gammaTimesLearningRate">γ·λ_m (≥ 0).</param>
    public static void ApplyToBoth(Tensor sourceHat, Tensor transferHat, double gammaTimesLearningRate)
    {
        ArgumentNullException.ThrowIfNull(sourceHat);
        ArgumentNullException.ThrowIfNull(transferHat);
        if (!(gammaTimesLearningRate >= 0) || !double.IsFinite(gammaTimesLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(gammaTimesLearningRate), gammaTimesLearningRate, "γ·λ_m must be finite and ≥ 0.");
        }

        using var _ = no_grad();
        using var penalty = gammaTimesLearningRate.ToScalar();
        using var sourceMagnitude = sourceHat.abs();
        using var transferMagnitude = transferHat.abs();
        using (var transferReciprocal = transferMagnitude.reciprocal())
        {
            Shrink(sourceHat, sourceMagnitude, transferReciprocal, penalty);
        }

        // |m̂_s| is no longer needed: it becomes the reciprocal for m_t's threshold.
        Shrink(transferHat, transferMagnitude, sourceMagnitude.reciprocal_(), penalty);
    }

    /// <summary>
    /// <see cref="ApplyToBoth(Tensor, Tensor, double)"/> in the given form: <see cref="ProximalThresholdForm.Uniform"/>
    /// soft-thresholds both masks by the same <paramref name="threshold"/>, independently of each other.
    /// </summary>
    public static void ApplyToBoth(Tensor sourceHat, Tensor transferHat, double threshold, ProximalThresholdForm form)
    {
        if (form == ProximalThresholdForm.PartnerScaled)
        {
            ApplyToBoth(sourceHat, transferHat, threshold);
            return;
        }

        ArgumentNullException.ThrowIfNull(sourceHat);
        ArgumentNullException.ThrowIfNull(transferHat);
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite and ≥ 0.");
        }

        using var _ = no_grad();
        using var penalty = threshold.ToScalar();
        foreach (var scores in (ReadOnlySpan<Tensor>)[sourceHat, transferHat])
        {
            using var magnitude = scores.abs();
            magnitude.sub_(penalty).clamp_min_(0);
            scores.sign_().mul_(magnitude);
        }
    }

    /// <summary>
    /// The per-step threshold that spends <paramref name="budget"/> (<see cref="SparsityOptions.ShrinkBudget"/>) over
    /// <paramref name="steps"/> upper steps: a score starting at <paramref name="initialScore"/> that no gradient holds up loses
    /// the fraction <paramref name="budget"/> of it by the last step (budget ≥ 1: reaches 0 after steps / budget).
    /// </summary>
    /// <remarks>
    /// Uniform: m_n = m₀ − nτ, so τ = b·m₀/N. Partner-scaled with both masks alike: m_{n+1} = m_n − τ/m_n, i.e.
    /// m² falls by about 2τ per step, so τ = m₀²(1 − (1 − b)²)/(2N) for b ≤ 1 and b·m₀²/(2N) beyond (0 at step N/b).
    /// </remarks>
    public static double PerStepThreshold(ProximalThresholdForm form, double budget, double initialScore, long steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(budget >= 0) || !double.IsFinite(budget))
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The shrink budget must be finite and ≥ 0.");
        }

        if (form == ProximalThresholdForm.Uniform)
        {
            return budget * initialScore / steps;
        }

        var squaredDrop = budget <= 1 ? 1 - ((1 - budget) * (1 - budget)) : budget;
        return squaredDrop * initialScore * initialScore / (2.0 * steps);
    }

    // scores := sign(scores) · max(|scores| − penalty · partnerReciprocal, 0), NaN → 0 (partnerReciprocal is overwritten).
    // The operations are those of the paper's closed form in an order whose rounding matches the out-of-place original.
    private static void Shrink(Tensor scores, Tensor scoreMagnitude, Tensor partnerReciprocal, Scalar penalty)
    {
        partnerReciprocal.mul_(penalty).neg_().add_(scoreMagnitude).clamp_min_(0);
        scores.sign_().mul_(partnerReciprocal).nan_to_num_(0);
    }
}
