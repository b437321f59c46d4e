using System.Globalization;
using MathNet.Numerics.Distributions;

namespace XYield.ML.Screening;

/// <summary>What ranks candidates: the predicted mean, a confidence bound, or the probability of exceeding a strength.</summary>
public abstract record ScreeningCriterion
{
    private ScreeningCriterion()
    {
    }

    /// <summary>Rank by the predicted yield strength (the ensemble mean).</summary>
    public static ScreeningCriterion Mean { get; } = new MeanCriterion();

    /// <summary>Rank by mean − z·σ: strong and certain first (a cautious choice). Needs an ensemble.</summary>
    /// <param name="z">Standard deviations below the mean (1 ≈ the 16th percentile of a normal prediction).</param>
    public static ScreeningCriterion LowerBound(double z = 1) => new BoundCriterion(-Positive(z, nameof(z)));

    /// <summary>Rank by mean + z·σ: promising and uncertain first (an exploring choice). Needs an ensemble.</summary>
    /// <param name="z">Standard deviations above the mean.</param>
    public static ScreeningCriterion UpperBound(double z = 1) => new BoundCriterion(Positive(z, nameof(z)));

    /// <summary>Rank by P(YS &gt; threshold) under a normal prediction N(mean, σ²). Needs an ensemble.</summary>
    /// <param name="gigapascals">The strength to exceed, GPa.</param>
    public static ScreeningCriterion ProbabilityAbove(double gigapascals) => new ProbabilityCriterion(Positive(gigapascals, nameof(gigapascals)));

    /// <summary>Whether the criterion needs a predictive standard deviation.</summary>
    public abstract bool NeedsUncertainty { get; }

    /// <summary>The ranking score of a prediction.</summary>
    /// <param name="mean">Predicted yield strength, GPa.</param>
    /// <param name="standardDeviation">Its standard deviation, GPa (NaN without an ensemble).</param>
    public abstract double Score(double mean, double standardDeviation);

    /// <summary>Parses "mean", "lcb", "lcb:2", "ucb", "ucb:1.5" or "p&gt;1.2" (invariant culture).</summary>
    /// <exception cref="ArgumentException">Not one of those forms.</exception>
    public static ScreeningCriterion Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "mean")
        {
            return Mean;
        }

        if (trimmed.StartsWith("p>", StringComparison.Ordinal) && Number(trimmed[2..]) is double threshold)
        {
            return ProbabilityAbove(threshold);
        }

        var parts = trimmed.Split(':');
        if (parts[0] is "lcb" or "ucb" && parts.Length <= 2 && (parts.Length == 1 || Number(parts[1]) is not null))
        {
            var z = parts.Length == 2 ? Number(parts[1])!.Value : 1;
            return parts[0] == "lcb" ? LowerBound(z) : UpperBound(z);
        }

        throw new ArgumentException($"'{text}' is not a screening criterion; expected mean, lcb[:z], ucb[:z] or p>GPa (e.g. p>1.2).");
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0 ? value : null;

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be a finite number above 0.");

    private sealed record MeanCriterion : ScreeningCriterion
    {
        public override bool NeedsUncertainty => false;

        public override double Score(double mean, double standardDeviation) => mean;

        public override string ToString() => "mean";
    }

    private sealed record BoundCriterion(double Z) : ScreeningCriterion
    {
        public override bool NeedsUncertainty => true;

        public override double Score(double mean, double standardDeviation) => mean + (Z * standardDeviation);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Z < 0 ? "lcb" : "ucb")}:{Math.Abs(Z):0.###}");
    }

    private sealed record ProbabilityCriterion(double Threshold) : ScreeningCriterion
    {
        public override bool NeedsUncertainty => true;

        public override double Score(double mean, double standardDeviation) =>
            standardDeviation > 0 ? 1 - Normal.CDF(mean, standardDeviation, Threshold) : mean > Threshold ? 1 : 0;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p>{Threshold:0.###}");
    }
}
