namespace XYield.ML.Models;

/// <summary>What the network predicts.</summary>
public enum YieldTask
{
    /// <summary>Yield strength in GPa: one output, mean squared error.</summary>
    Regression,

    /// <summary>Yield-strength class (by default the bins [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2), [2, ∞) GPa): one logit per class, cross-entropy.</summary>
    Classification,
}
