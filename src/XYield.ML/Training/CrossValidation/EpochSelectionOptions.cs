namespace XYield.ML.Training.CrossValidation;

/// <summary>
/// Settings of the cross-validated choice of the fine-tuning epoch (<see cref="Estimators.YieldCnnTrainerOptions.EpochSelection"/>):
/// K folds of the target training part, each trained once for the full <see cref="StageOptions.MaxEpoch"/> and scored on its
/// held rows after every epoch; the epoch with the best mean score is the one the final model stops at.
/// </summary>
public sealed record EpochSelectionOptions
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

    /// <summary>Throws <see cref="ArgumentException"/> (or a subclass) naming the member, its value and what is expected.</summary>
    /// <param name="targetRows">The number of target training rows the folds split.</param>
    public void Validate(int targetRows) => TargetFolds.Validate(Folds, Groups, targetRows, nameof(Folds), nameof(Groups));
}
