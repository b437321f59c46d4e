namespace XYield.ML.Models;

/// <summary>Which of the two masks of a prunable weight (Chen et al., CPAL 2024, §4): pre-training or transfer.</summary>
public enum MaskStage
{
    /// <summary>m_s, learned or pruned on the source (simulated) data.</summary>
    Source,

    /// <summary>m_t, learned or pruned on the target (experimental) data.</summary>
    Transfer,
}
