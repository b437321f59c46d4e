namespace XYield.ML.Training.CrossValidation;

/// <summary>
/// Settings of the cross-validated calibration of a regression ensemble's spread
/// (<see cref="Estimators.YieldCnnTrainerOptions.SpreadCalibration"/>): K folds of the target training part, on each an
/// ensemble of the same members trained on the other rows, whose standardised errors on the held rows give the scale.
/// </summary>
public sealed record SpreadCalibrationOptions
{
    /// <summary>K, the cross-validation folds: at least 2 and at most the number of target rows (or groups). Default: 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The seed of the fold assignment (training itself uses the fit's seed). Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Optional group key per target row (e.g. the composition): rows with one key share a fold. Null: every row its own group.
    /// Through the trainer, <see cref="Estimators.YieldCnnTrainerOptions.SearchGroupColumnName"/> fills it from a column.
    /// </summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>
    /// The smallest spread (GPa) a held row's error is divided by, so members that agree exactly do not make the scale
    /// infinite. Default: 0.001 (1 MPa).
    /// </summary>
    public double MinimumSpread { get; init; } = 1e-3;

    /// <summary>Throws <see cref="ArgumentException"/> (or a subclass) naming the member, its value and what is expected.</summary>
    /// <param name="targetRows">The number of target training rows the folds split.</param>
    public void Validate(int targetRows)
    {
        Positive(MinimumSpread, nameof(MinimumSpread));
        TargetFolds.Validate(Folds, Groups, targetRows, nameof(Folds), nameof(Groups));
    }

    // The name travels as a parameter, as in the other options' Validate methods (CA2208 wants a parameter there).
    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number of GPa.");
        }
    }
}
