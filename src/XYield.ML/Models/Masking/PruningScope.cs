namespace XYield.ML.Models.Masking;

/// <summary>How weights are ranked when a fraction is pruned by magnitude.</summary>
public enum PruningScope
{
    /// <summary>Each layer loses the same fraction of its own remaining weights (default; exact per-layer counts).</summary>
    LayerWise,

    /// <summary>All layers are ranked together (as PyTorch's <c>global_unstructured</c>); layers lose different fractions.</summary>
    Global,
}
