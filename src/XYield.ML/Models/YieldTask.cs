namespace XYield.ML.Models;

/// <summary>What the network predicts.</summary>
public enum YieldTask
{
    /// <summary>Yield strength in GPa: one output, mean squared error.</summary>
    Regression,

    /// <summary>Yield-strength class (design.md §2 bins): one logit per class, cross-entropy.</summary>
    Classification,
}
