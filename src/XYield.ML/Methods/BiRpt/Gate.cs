using TorchSharp;
using static TorchSharp.torch;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// The smoothed-ℓ0 gate of Bi-RPT (Guo et al., ref. [47] of Chen et al., CPAL 2024): g_ε(x) = x² / (x² + ε),
/// near 0 for |x| ≪ √ε and near 1 for |x| ≫ √ε, so the outputs polarise as ε decays.
/// </summary>
public static class Gate
{
    /// <summary>g_ε applied element-wise (differentiable).</summary>
    public static Tensor Apply(Tensor x, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a positive finite number.");
        }

        // An explicit Scalar, alive until the call returns. Once, a Bi-RPT run aborted in libtorch's Scalar::toFloat
        // on the implicit double → Scalar form of this addition; the cause is unconfirmed, this removes the temporary.
        using var eps = epsilon.ToScalar();
        using var squared = x.square();
        using var denominator = squared.add(eps);
        return squared.div(denominator);
    }

    /// <summary>The ε of epoch <paramref name="epoch"/> (0-based) for a geometric schedule ε₀·decay^epoch (0.1 × 0.9 in the authors' code).</summary>
    public static double Epsilon(int epoch, double initial = 0.1, double decay = 0.9) => initial * Math.Pow(decay, epoch);
}
