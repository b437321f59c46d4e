namespace XYield.ML.Data.Simulated;

/// <summary>Aggregate of a full-grid Maresca–Curtin evaluation.</summary>
/// <param name="Points">Composition × temperature points evaluated.</param>
/// <param name="ZeroStrengthPoints">Points with σ_y = 0 (pure elements).</param>
/// <param name="MeanYieldStrength">Mean σ_y in MPa.</param>
/// <param name="MaxYieldStrength">Largest σ_y in MPa.</param>
public readonly record struct GridEvaluationSummary(long Points, long ZeroStrengthPoints, double MeanYieldStrength, double MaxYieldStrength);
