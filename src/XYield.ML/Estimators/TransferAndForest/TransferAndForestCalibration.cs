namespace XYield.ML.Estimators;

/// <summary>
/// What the cross-validated calibration of <see cref="TransferAndForestTrainer"/> found: on each of K folds (whole alloys)
/// the method trained on the other folds, its errors and raw spreads on the held rows, and the standard deviation
/// σ = √(α² + (β·r)²) fitted to them by maximum likelihood.
/// </summary>
public sealed class TransferAndForestCalibration
{
    internal TransferAndForestCalibration(IReadOnlyList<double> errors, IReadOnlyList<double> rawSpreads, IReadOnlyList<IReadOnlyList<int>> validationRows, double floor, double scale)
    {
        Errors = errors;
        RawSpreads = rawSpreads;
        ValidationRows = validationRows;
        Floor = floor;
        Scale = scale;
        var spread = new BlendSpread(floor, scale);
        Coverage68 = errors.Where((e, i) => Math.Abs(e) <= spread.StandardDeviation(rawSpreads[i])).Count() / (double)errors.Count;
        MeanNegativeLogLikelihood = spread.MeanNegativeLogLikelihood(errors, rawSpreads);
    }

    /// <summary>Per training row (in row order): y − μ of the fold model that held it out, in GPa.</summary>
    public IReadOnlyList<double> Errors { get; }

    /// <summary>Per training row: the raw spread r (the halves' disagreement, with a CNN ensemble's spread) of that fold model, in GPa.</summary>
    public IReadOnlyList<double> RawSpreads { get; }

    /// <summary>The validation rows of each fold: indices into the training data; disjoint, covering it once.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ValidationRows { get; }

    /// <summary>α in GPa: the standard deviation where the two halves agree.</summary>
    public double Floor { get; }

    /// <summary>β: the factor on the raw spread (0 when disagreement told nothing about the errors).</summary>
    public double Scale { get; }

    /// <summary>The fraction of held rows within ±1 fitted σ (nominal 0.68; fitted on these rows, so a check, not a test).</summary>
    public double Coverage68 { get; }

    /// <summary>The mean Gaussian negative log-likelihood of the held rows at the fitted α and β, in nats.</summary>
    public double MeanNegativeLogLikelihood { get; }
}
