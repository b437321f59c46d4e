using TorchSharp;
using static TorchSharp.torch;

namespace XYield.ML.Models.Masking;

/// <summary>
/// One round of iterative magnitude pruning (IMP; Frankle and Carbin 2019, as used by Hand-Tune in Chen et al.,
/// CPAL 2024): among the weights a mask still keeps, the smallest |w| are removed. A pruned weight never returns.
/// </summary>
/// <remarks>
/// Ranking rule: per scope, the number removed is <c>round(fraction × remaining)</c> (midpoint away from zero),
/// so a layer of n kept weights keeps n − round(0.2 n) after a 20 % round. Ties in |w| are broken by position
/// (lower flat index pruned first), which makes the result exact and deterministic.
/// </remarks>
public static class MagnitudePruning
{
    /// <summary>The number of weights a round removes from <paramref name="remaining"/> kept ones.</summary>
    public static long CountToPrune(long remaining, double fractionOfRemaining) =>
        (long)Math.Round(fractionOfRemaining * remaining, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Returns new 0/1 masks with <paramref name="fractionOfRemaining"/> of the currently kept weights removed.
    /// The inputs are not modified. Weights and masks pair up by position and must have equal shapes.
    /// </summary>
    /// <param name="weights">The weights ranked by magnitude (only their values are read).</param>
    /// <param name="masks">The current masks (1 = kept).</param>
    /// <param name="fractionOfRemaining">In [0, 1): 0.2 for the paper's IMP.</param>
    /// <param name="scope">Layer-wise or global ranking.</param>
    public static IReadOnlyList<Tensor> Prune(IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> masks, double fractionOfRemaining, PruningScope scope)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(masks);
        if (weights.Count != masks.Count)
        {
            throw new ArgumentException($"{weights.Count} weights but {masks.Count} masks; they pair up one to one.", nameof(masks));
        }

        if (!(fractionOfRemaining >= 0 && fractionOfRemaining < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fractionOfRemaining), fractionOfRemaining, "The pruning fraction must be in [0, 1), e.g. 0.2.");
        }

        for (var i = 0; i < weights.Count; i++)
        {
            if (!weights[i].shape.SequenceEqual(masks[i].shape))
            {
                throw new ArgumentException($"Weight {i} has shape [{string.Join(", ", weights[i].shape)}] but its mask has [{string.Join(", ", masks[i].shape)}].", nameof(masks));
            }
        }

        using var _ = torch.no_grad();
        return scope == PruningScope.LayerWise
            ? weights.Select((w, i) => PruneFlat([w], [masks[i]], fractionOfRemaining)[0]).ToArray()
            : PruneFlat(weights, masks, fractionOfRemaining);
    }

    /// <summary>Ranks the kept entries of all given tensors together and removes the smallest.</summary>
    private static Tensor[] PruneFlat(IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> masks, double fraction)
    {
        using var scope = torch.NewDisposeScope();
        var device = masks[0].device;
        var keptMask = torch.cat(masks.Select(m => m.flatten().to(device)).ToArray()) > 0.5;
        var magnitude = torch.cat(weights.Select(w => w.detach().abs().flatten().to(float64).to(device)).ToArray());
        var remaining = keptMask.sum().item<long>();
        var prune = CountToPrune(remaining, fraction);

        var newFlat = keptMask.to(masks[0].dtype);
        if (prune > 0)
        {
            // Pruned entries rank as +∞ so they are never chosen again; a stable sort breaks ties by position.
            var ranked = magnitude.masked_fill(keptMask.logical_not(), double.PositiveInfinity);
            var (_, order) = ranked.sort(stable: true);
            newFlat.index_fill_(0, order.narrow(0, 0, prune), 0);
        }

        var result = new Tensor[masks.Count];
        var offset = 0L;
        for (var i = 0; i < masks.Count; i++)
        {
            var n = masks[i].numel();
            result[i] = newFlat.narrow(0, offset, n).reshape(masks[i].shape).clone().MoveToOuterDisposeScope();
            offset += n;
        }

        return result;
    }
}
