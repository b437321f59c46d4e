namespace XYield.ML.Training.CrossValidation;

/// <summary>
/// What the cross-validated spread calibration found: each training row's error standardised by the spread of the fold
/// ensemble that held it out, and the scale s = √(mean z²), the maximum-likelihood factor of a Gaussian with standard
/// deviation s·σ. The trained ensemble's <c>ScoreStdDev</c> is s times its members' sample standard deviation.
/// </summary>
public sealed class SpreadCalibrationResult
{
    internal SpreadCalibrationResult(IReadOnlyList<double> standardizedErrors, IReadOnlyList<IReadOnlyList<int>> validationRows)
    {
        StandardizedErrors = standardizedErrors;
        ValidationRows = validationRows;
        Scale = Math.Sqrt(standardizedErrors.Average(z => z * z));
        RawCoverage68 = standardizedErrors.Count(z => Math.Abs(z) <= 1) / (double)standardizedErrors.Count;
    }

    /// <summary>Per target training row (in row order): (y − μ) / max(σ, MinimumSpread) of the fold ensemble that held it out.</summary>
    public IReadOnlyList<double> StandardizedErrors { get; }

    /// <summary>s: the factor the members' spread is multiplied by. Above 1, the raw spread was over-confident.</summary>
    public double Scale { get; }

    /// <summary>The fraction of held rows within ±1 raw σ (nominal 0.68): how the uncalibrated spread fared.</summary>
    public double RawCoverage68 { get; }

    /// <summary>The validation rows of each fold: indices into the target training part; disjoint, covering it once.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ValidationRows { get; }
}
