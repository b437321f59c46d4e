namespace XYield.ML.Methods;

/// <summary>Which pre-trained network a method fine-tunes: none, a dense one, or one carrying the IMP mask m_s.</summary>
public enum PretrainingNeed
{
    /// <summary>No pre-trained network (No Pretraining; Mix Training trains on both domains at once).</summary>
    None,

    /// <summary>A network pre-trained densely on the source data (Pretrain-and-transfer, transfer sparsity only, Bi-RPT).</summary>
    Dense,

    /// <summary>A network pre-trained with N_s IMP rounds, carrying m_s (Hand-Tune, pretrain sparsity only).</summary>
    Sparse,
}
