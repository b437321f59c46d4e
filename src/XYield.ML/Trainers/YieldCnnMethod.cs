namespace XYield.ML.Trainers;

/// <summary>How a <see cref="YieldCnnTrainer"/> uses the source (simulated) data (design.md §5).</summary>
public enum YieldCnnMethod
{
    /// <summary>Train on the target (experimental) data only.</summary>
    NoPretraining,

    /// <summary>Fine-tune a pre-trained network (given, or pre-trained on the source data during <c>Fit</c>).</summary>
    PretrainAndTransfer,

    /// <summary>One trunk with a source head and a target head, trained on batches from both domains.</summary>
    MixTraining,

    /// <summary>Hand-Tune (Algorithm 1): IMP during pre-training (m_s, N_s rounds) and during fine-tuning on the survivors (m_t, N_t rounds).</summary>
    HandTune,

    /// <summary>Hand-Tune with IMP during pre-training only (N_t = 0).</summary>
    PretrainSparsityOnly,

    /// <summary>Hand-Tune with IMP during fine-tuning only (dense pre-training, N_s = 0).</summary>
    TransferSparsityOnly,

    /// <summary>Bi-RPT (Algorithm 2): gated masks m_s and m_t learned by bi-level optimisation on source and target data.</summary>
    BiRpt,
}
