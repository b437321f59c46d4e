using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Models.Masking;

/// <summary>
/// Turns an importance and the current masks into the next masks (the <c>compute_mask</c> of PyTorch's
/// <c>torch.nn.utils.prune</c>): the one step every sparse method shares. Masks are 0/1 and keyed by layer name; a weight a
/// current mask removes never comes back.
/// </summary>
public abstract class MaskRule
{
    /// <summary>IMP's rule: remove <paramref name="fractionOfRemaining"/> of the kept weights with the lowest importance.</summary>
    public static MaskRule RemoveLeastImportant(double fractionOfRemaining, PruningScope scope) => new FractionRule(fractionOfRemaining, scope);

    /// <summary>Bi-RPT's freeze: keep exactly the weights whose importance is not zero (and that the current mask keeps).</summary>
    public static MaskRule KeepNonZero { get; } = new NonZeroRule();

    /// <summary>The next mask of every layer in <paramref name="layers"/> (new tensors; the inputs are not modified).</summary>
    /// <param name="layers">The layers, in the order rankings across layers break ties.</param>
    /// <param name="importance">The ranking.</param>
    /// <param name="current">A layer's current 0/1 mask.</param>
    public IReadOnlyDictionary<string, Tensor> Next(IReadOnlyList<PrunableLayer> layers, MaskImportance importance, Func<PrunableLayer, Tensor> current)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(importance);
        ArgumentNullException.ThrowIfNull(current);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var next = Compute(layers.Select(importance.ScoresOf).ToArray(), layers.Select(current).ToArray());
        return layers.Select((l, i) => (l.Name, Mask: next[i].MoveToOuterDisposeScope())).ToDictionary(p => p.Name, p => p.Mask);
    }

    /// <summary>The next masks from importances and current masks, paired by position.</summary>
    protected abstract IReadOnlyList<Tensor> Compute(IReadOnlyList<Tensor> importance, IReadOnlyList<Tensor> current);

    private sealed class FractionRule(double fraction, PruningScope scope) : MaskRule
    {
        protected override IReadOnlyList<Tensor> Compute(IReadOnlyList<Tensor> importance, IReadOnlyList<Tensor> current) =>
            MagnitudePruning.Prune(importance, current, fraction, scope);
    }

    private sealed class NonZeroRule : MaskRule
    {
        protected override IReadOnlyList<Tensor> Compute(IReadOnlyList<Tensor> importance, IReadOnlyList<Tensor> current) =>
            importance.Select((s, i) => s.ne(0).to(current[i].dtype) * current[i]).ToArray();
    }
}
