namespace XYield.ML.Training;

/// <summary>What Bi-RPT's <see cref="SparsityOptions.TargetJointSparsity"/> cut ranks the gated weights by.</summary>
public enum TargetSparsityRanking
{
    /// <summary>|m_s · m_t|: the learned scores alone (early in the run they have barely moved from their common start).</summary>
    JointScore,

    /// <summary>|W · g_ε(m_s) · g_ε(m_t)|: the weight as the network uses it, the pre-trained magnitude times the learned gates.</summary>
    EffectiveWeight,
}
