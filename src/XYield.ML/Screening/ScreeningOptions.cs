namespace XYield.ML.Screening;

/// <summary>How a screening run ranks and reports.</summary>
public sealed record ScreeningOptions
{
    /// <summary>How many of the best candidates to keep (1 to 100,000). Default 20.</summary>
    public int Top { get; init; } = 20;

    /// <summary>The ranking. Default <see cref="ScreeningCriterion.Mean"/>.</summary>
    public ScreeningCriterion Criterion { get; init; } = ScreeningCriterion.Mean;

    /// <summary>
    /// Images per forward pass (memory grows with it, not with the space). Default 512, as the prediction transformer's:
    /// the default network's largest activation then stays under glibc's heap-reuse threshold.
    /// </summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Receives progress about twice a second; null for none.</summary>
    public IProgress<ScreeningProgress>? Progress { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Top, 1, nameof(Top));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Top, 100_000, nameof(Top));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 1 << 16, nameof(BatchSize));
        ArgumentNullException.ThrowIfNull(Criterion, nameof(Criterion));
    }
}
