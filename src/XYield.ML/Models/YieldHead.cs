namespace XYield.ML.Models;

/// <summary>Which output head of a <see cref="YieldCnn"/> a forward pass uses.</summary>
public enum YieldHead
{
    /// <summary>The head for the target (experimental) data; the only head of a single-head network.</summary>
    Target,

    /// <summary>The extra head for the source (simulated) data, present only for Mix Training.</summary>
    Source,
}
