using XYield.ML.Data.Experimental;

namespace XYield.ML.Data.Splits;

/// <summary>A train/test partition of the experimental set.</summary>
/// <param name="Name">What the split is, e.g. "few-shot 10% seed 0" or "fold 3/10 seed 0".</param>
/// <param name="Train">The points to train on.</param>
/// <param name="Test">The held-out points.</param>
public sealed record DataSplit(string Name, ExperimentalDataSet Train, ExperimentalDataSet Test);
