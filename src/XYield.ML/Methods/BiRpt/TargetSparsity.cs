using static TorchSharp.torch;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// Bi-RPT's target joint sparsity (<see cref="Training.SparsityOptions.TargetJointSparsity"/>): the ramp that reaches it,
/// and the cut of the lowest-ranked entries over every gated layer (by the gated weight by default, or by |m_s · m_t|).
/// </summary>
internal static class TargetSparsity
{
    /// <summary>The share of the target due after <paramref name="step"/> of <paramref name="steps"/>: 1 − (1 − t/(rN))³, 1 from rN on.</summary>
    public static double Ramp(long step, long steps, double ramp)
    {
        var progress = Math.Min(1, step / Math.Max(1, ramp * steps));
        return 1 - Math.Pow(1 - progress, 3);
    }

    /// <summary>How many of <paramref name="total"/> entries a cut to <paramref name="fraction"/> zeroes: ⌊fraction · total⌋.</summary>
    public static long Count(double fraction, long total) => (long)Math.Floor(fraction * total);

    /// <summary>
    /// Zeroes, over all layers together, the scores of the ⌊fraction · n⌋ entries with the smallest importance (by default
    /// |m_s · m_t|; entries already at zero come first): of each such entry the smaller score in magnitude (m_s on a tie),
    /// so the cut falls on the mask that holds the weight up least.
    /// </summary>
    public static void Cut(IReadOnlyList<Tensor> sourceScores, IReadOnlyList<Tensor> transferScores, double fraction, IReadOnlyList<Tensor>? importance = null)
    {
        var count = Count(fraction, sourceScores.Sum(s => s.numel()));
        if (count <= 0)
        {
            return;
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ranks = importance ?? sourceScores.Zip(transferScores, (s, t) => (s * t).abs()).ToArray();
        var joint = cat(ranks.Select(r => r.flatten()).ToArray());
        // The count-th smallest joint score; ties at it are all cut, so the cut may pass the target by the tied entries.
        var (threshold, _) = joint.kthvalue(count, 0);
        for (var k = 0; k < sourceScores.Count; k++)
        {
            var (source, transfer) = (sourceScores[k], transferScores[k]);
            var cut = ranks[k].le(threshold);
            var sourceSmaller = source.abs().le(transfer.abs());
            source.masked_fill_(cut.logical_and(sourceSmaller), 0);
            transfer.masked_fill_(cut.logical_and(sourceSmaller.logical_not()), 0);
        }
    }
}
