namespace XYield.ML.Screening;

/// <summary>One candidate kept by a screening run.</summary>
/// <param name="Rank">1 for the best by the criterion.</param>
/// <param name="Composition">The alloy, e.g. "Mo0.25 Nb0.25 Ta0.25 W0.25".</param>
/// <param name="Temperature">Temperature in K.</param>
/// <param name="Mean">Predicted yield strength, GPa (the mean over the models given).</param>
/// <param name="StandardDeviation">The predictive standard deviation, GPa (an ensemble's or the recommended model's calibrated spread, or several models' mixture); NaN for a single network.</param>
/// <param name="Score">The criterion's value (GPa for mean and bounds, a probability for p&gt;x).</param>
/// <param name="MarescaCurtin">The Maresca–Curtin estimate at this temperature, GPa.</param>
/// <param name="InDomain">Whether the first model's applicability domain holds the candidate; null when the model has none.</param>
/// <param name="DomainNote">Why it is outside the domain; empty inside or without a domain.</param>
public sealed record ScreenedCandidate(
    int Rank, string Composition, double Temperature, double Mean, double StandardDeviation, double Score, double MarescaCurtin, bool? InDomain, string DomainNote);

/// <summary>Progress of a screening run.</summary>
/// <param name="Evaluated">Candidates (alloy × temperature) scored so far.</param>
/// <param name="Total">Candidates in the space.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="CandidatesPerSecond">Throughput so far.</param>
public sealed record ScreeningProgress(long Evaluated, long Total, TimeSpan Elapsed, double CandidatesPerSecond)
{
    /// <summary>The time left at the current throughput.</summary>
    public TimeSpan Remaining => CandidatesPerSecond > 0 ? TimeSpan.FromSeconds((Total - Evaluated) / CandidatesPerSecond) : TimeSpan.Zero;
}

/// <summary>The outcome of a screening run.</summary>
/// <param name="Candidates">The best candidates, best first (at most the requested number).</param>
/// <param name="Evaluated">Candidates scored.</param>
/// <param name="Total">Candidates in the space.</param>
/// <param name="Criterion">The ranking criterion.</param>
/// <param name="Cancelled">True when the run was cancelled: <paramref name="Candidates"/> are the best of what was scored.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ScreeningResult(
    IReadOnlyList<ScreenedCandidate> Candidates, long Evaluated, long Total, ScreeningCriterion Criterion, bool Cancelled, TimeSpan Elapsed);

/// <summary>What a screening run will cost, measured before it starts.</summary>
/// <param name="Candidates">Candidates (alloy × temperature) in the space.</param>
/// <param name="CandidatesPerSecond">Throughput measured on one batch of the space's first candidates.</param>
public sealed record ScreeningEstimate(long Candidates, double CandidatesPerSecond)
{
    /// <summary>The estimated run time.</summary>
    public TimeSpan Duration => CandidatesPerSecond > 0 ? TimeSpan.FromSeconds(Candidates / CandidatesPerSecond) : TimeSpan.Zero;
}

/// <summary>The prediction for one given point.</summary>
/// <param name="Mean">Predicted yield strength, GPa (the mean over the models given).</param>
/// <param name="StandardDeviation">The predictive standard deviation, GPa (an ensemble's or the recommended model's calibrated spread, or several models' mixture); NaN for a single network.</param>
/// <param name="MarescaCurtin">The Maresca–Curtin estimate, GPa.</param>
/// <param name="Domain">Where the point lies relative to the first model's training data; null when the model has no domain.</param>
public sealed record ScoredPoint(double Mean, double StandardDeviation, double MarescaCurtin, Domain.DomainAssessment? Domain);
