namespace XYield.ML.Training;

/// <summary>The optimiser of a training stage.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (the paper's pre-training optimiser).</summary>
    Adam,

    /// <summary>Stochastic gradient descent, optionally with momentum (the paper's fine-tuning optimiser).</summary>
    Sgd,
}
