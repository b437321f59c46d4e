using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Estimators;

/// <summary>
/// Settings of <see cref="TransferAndForestTrainer"/>, XYield.ML's recommended regression method: the mean of a
/// pretrain-and-transfer CNN and a random forest on the fractions, the temperature and the Maresca–Curtin estimate, with a
/// standard deviation calibrated by cross-validation on the training data.
/// </summary>
public sealed class TransferAndForestTrainerOptions
{
    /// <summary>The label column: Single, yield strength in GPa. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The pseudo-image column the CNN reads (what <c>FeaturizeAlloy</c> adds). Default "Image".</summary>
    public string FeatureColumnName { get; set; } = "Image";

    /// <summary>The palette-fractions column, Vector&lt;Single, 11&gt; (what <c>FeaturizeComposition</c> adds). Default "Fractions".</summary>
    public string FractionsColumnName { get; set; } = "Fractions";

    /// <summary>The temperature column in K, Single or Double. Default "Temperature".</summary>
    public string TemperatureColumnName { get; set; } = "Temperature";

    /// <summary>
    /// A text column naming each row's fold group. The calibration folds keep a group's rows together, so the spread is
    /// calibrated on alloys the fold never saw, which is what predicting a new alloy is. Default: null, which groups rows by
    /// their composition (the palette fractions to 6 decimals, so "MoNbTaW" and "Mo25Nb25Ta25W25" are one alloy); explicit
    /// <see cref="SpreadCalibrationOptions.Groups"/> take precedence over both.
    /// </summary>
    public string? GroupColumnName { get; set; }

    /// <summary>
    /// The CNN half: its pre-trained network (<see cref="YieldCnnTrainerOptions.Pretrained"/>, required), fine-tuning stage,
    /// ensemble size, device, seed and progress. Its label and feature columns and its method (Pretrain-and-Transfer) are set
    /// by the trainer; its own <see cref="YieldCnnTrainerOptions.SpreadCalibration"/> must be null (this trainer calibrates
    /// the blend). With <see cref="YieldCnnTrainerOptions.EnsembleSize"/> &gt; 1 the members' spread adds to the uncertainty.
    /// </summary>
    public YieldCnnTrainerOptions Cnn { get; set; } = new();

    /// <summary>The forest half's settings.</summary>
    public ForestOptions Forest { get; set; } = new();

    /// <summary>
    /// How the standard deviation is calibrated: K folds of the training data, on each the whole method trained on the
    /// other folds; its errors e and raw spreads r on the held rows give σ = √(α² + (β·r)²) by maximum likelihood, with
    /// α ≥ <see cref="SpreadCalibrationOptions.MinimumSpread"/>. Default: 5 folds. Null: no calibration (σ ≈ r, rarely a
    /// trustworthy uncertainty). The groups: the options' own, else <see cref="GroupColumnName"/>'s, else the compositions.
    /// </summary>
    public SpreadCalibrationOptions? SpreadCalibration { get; set; } = new();

    /// <summary>A shallow copy, so a trainer never changes the caller's options object.</summary>
    internal TransferAndForestTrainerOptions Clone()
    {
        var copy = (TransferAndForestTrainerOptions)MemberwiseClone();
        copy.Cnn = Cnn?.Clone()!;
        return copy;
    }
}
