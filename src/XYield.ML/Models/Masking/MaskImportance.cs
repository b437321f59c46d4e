using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Models.Masking;

/// <summary>
/// Where a mask rule's ranking comes from, layer by layer (the <c>importance_scores</c> of PyTorch's
/// <c>torch.nn.utils.prune</c>): the weights' magnitudes for IMP, the learned gate scores for Bi-RPT, or anything else
/// with a weight's shape.
/// </summary>
public abstract class MaskImportance
{
    /// <summary>|W|: iterative magnitude pruning (Hand-Tune).</summary>
    public static MaskImportance Magnitude { get; } = new MagnitudeImportance();

    /// <summary>Learned scores, one tensor per layer name (Bi-RPT's m_s or m_t): a score's magnitude is its importance.</summary>
    public static MaskImportance Scores(IReadOnlyDictionary<string, Tensor> scoresByLayer) => new ScoreImportance(scoresByLayer);

    /// <summary>The importance of every weight of <paramref name="layer"/>, same shape as its weight (only the values are read).</summary>
    public abstract Tensor ScoresOf(PrunableLayer layer);

    private sealed class MagnitudeImportance : MaskImportance
    {
        public override Tensor ScoresOf(PrunableLayer layer) => layer.Weight.detach().abs();
    }

    private sealed class ScoreImportance(IReadOnlyDictionary<string, Tensor> scores) : MaskImportance
    {
        public override Tensor ScoresOf(PrunableLayer layer) =>
            scores.TryGetValue(layer.Name, out var score)
                ? score.detach().abs()
                : throw new ArgumentException($"No scores for layer '{layer.Name}'.", nameof(layer));
    }
}
