namespace XYield.ML.Benchmark;

/// <summary>Which pre-trained network a benchmark method fine-tunes (<see cref="BenchmarkMethods.PretrainedNetworkOf"/>).</summary>
public enum PretrainedNetworkKind
{
    /// <summary>None: the baselines, No Pretraining and Mix Training (which trains on the simulated data itself).</summary>
    None,

    /// <summary>The dense network: Pretrain-and-transfer, transfer sparsity only, Bi-RPT.</summary>
    Dense,

    /// <summary>The network pruned by N_s IMP rounds during pre-training (m_s): Hand-Tune, pretrain sparsity only.</summary>
    Sparse,
}
