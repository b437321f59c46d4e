namespace XYield.ML.Training;

/// <summary>How the learning rate changes from epoch to epoch within a stage.</summary>
public enum LearningRateSchedule
{
    /// <summary>The initial learning rate throughout.</summary>
    Constant,

    /// <summary>Cosine annealing from the initial rate towards 0 over <see cref="StageOptions.MaxEpoch"/> epochs, stepped per epoch.</summary>
    CosineAnnealing,

    /// <summary>Multiplied by <see cref="StageOptions.StepGamma"/> every <see cref="StageOptions.StepSize"/> epochs.</summary>
    Step,
}
