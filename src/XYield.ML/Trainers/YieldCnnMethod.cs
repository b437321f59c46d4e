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
}
