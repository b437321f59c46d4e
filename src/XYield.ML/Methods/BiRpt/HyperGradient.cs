using TorchSharp;
using static TorchSharp.torch;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// The first-order hyper-gradient term of Bi-RPT (Chen et al., CPAL 2024, Appendix A, Eq. 10): the gradient with
/// respect to the pre-training mask scores m_s of ∇θL_s · ∇θL_t, with ∇θL_t held constant. It tells m_s how the
/// lower-level (source) step would move the weights in a direction that helps the upper-level (target) loss.
/// Computed by double back-propagation: ∇θL_s is built with a graph, dotted with the detached ∇θL_t, and
/// differentiated again with respect to m_s.
/// </summary>
public static class HyperGradient
{
    /// <summary>
    /// Returns d/dm_s [ Σ_j ∇θ_j L_s(θ, m_s) · v_j ] for each mask tensor, where v = <paramref name="targetWeightGradients"/>.
    /// </summary>
    /// <param name="sourceLoss">L_s as a function of the weights and the pre-training mask scores (builds a graph).</param>
    /// <param name="weights">θ, each with <c>requires_grad</c>.</param>
    /// <param name="sourceMaskScores">m_s, each with <c>requires_grad</c>.</param>
    /// <param name="targetWeightGradients">∇θL_t, one per weight (treated as constants).</param>
    public static Tensor[] OfSourceMask(
        Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>, Tensor> sourceLoss,
        IReadOnlyList<Tensor> weights,
        IReadOnlyList<Tensor> sourceMaskScores,
        IReadOnlyList<Tensor> targetWeightGradients)
    {
        ArgumentNullException.ThrowIfNull(sourceLoss);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(sourceMaskScores);
        ArgumentNullException.ThrowIfNull(targetWeightGradients);
        if (targetWeightGradients.Count != weights.Count)
        {
            throw new ArgumentException($"{weights.Count} weights but {targetWeightGradients.Count} target gradients.", nameof(targetWeightGradients));
        }

        using var scope = torch.NewDisposeScope();
        var loss = sourceLoss(weights, sourceMaskScores);
        // TorchSharp does not derive retain_graph from create_graph as PyTorch does: the second pass needs the graph.
        var sourceGradients = torch.autograd.grad([loss], weights.ToArray(), retain_graph: true, create_graph: true);
        var inner = sourceGradients.Zip(targetWeightGradients, (gs, gt) => (gs * gt.detach()).sum()).Aggregate((a, b) => a + b);
        var result = torch.autograd.grad([inner], sourceMaskScores.ToArray(), allow_unused: true);
        return result.Select((g, i) => (g is null || g.IsInvalid ? torch.zeros_like(sourceMaskScores[i]) : g.detach()).MoveToOuterDisposeScope()).ToArray();
    }
}
