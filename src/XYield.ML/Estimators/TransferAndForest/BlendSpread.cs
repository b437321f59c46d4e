namespace XYield.ML.Estimators;

/// <summary>
/// The mean and standard deviation of <see cref="TransferAndForestTransformer"/>: μ = (a + b)/2 of the CNN's a and the
/// forest's b; the raw spread r = √(σ_cnn² + ((a − b)/2)²), where the two halves' disagreement stands for the spread of a
/// two-member ensemble and σ_cnn is a CNN ensemble's own spread (0 for one network); the standard deviation s·max(r, floor)
/// with the scale s fitted by cross-validation on the training data.
/// </summary>
/// <param name="Scale">s: 1 uncalibrated.</param>
/// <param name="MinimumSpread">The floor of r in GPa, so two halves that agree exactly still carry an uncertainty.</param>
internal readonly record struct BlendSpread(double Scale, double MinimumSpread)
{
    public static double Mean(double transfer, double forest) => (transfer + forest) / 2;

    public static double Raw(double transfer, double forest, double cnnSpread)
    {
        var half = (transfer - forest) / 2;
        return Math.Sqrt((cnnSpread * cnnSpread) + (half * half));
    }

    public double StandardDeviation(double transfer, double forest, double cnnSpread) =>
        Scale * Math.Max(Raw(transfer, forest, cnnSpread), MinimumSpread);
}
