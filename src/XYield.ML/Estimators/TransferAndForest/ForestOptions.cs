namespace XYield.ML.Estimators;

/// <summary>
/// The random forest of <see cref="TransferAndForestTrainer"/> (ML.NET's FastForest on the palette fractions, the
/// temperature and the Maresca–Curtin estimate), with the settings of the benchmark's <c>forest+mc</c>: 100 trees of up to
/// 64 leaves (fully grown on a few-shot training set of fewer than about 90 rows), 1 row per leaf, every feature offered to
/// each tree; FastForest's defaults otherwise (70 % of the features at each split, a fraction of the rows bagged per tree
/// without replacement). Fixed before any result was seen, not tuned.
/// </summary>
public sealed record ForestOptions
{
    /// <summary>Trees in the forest. Default: 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Maximum leaves per tree; 64 is more than a few-shot training set can fill, so trees grow fully. Default: 64.</summary>
    public int Leaves { get; init; } = 64;

    /// <summary>Minimum training rows in a leaf. Default: 1.</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the member, its value and what is expected.</summary>
    public void Validate()
    {
        AtLeast(Trees, 1, nameof(Trees));
        AtLeast(Leaves, 2, nameof(Leaves));
        AtLeast(MinimumExamplesPerLeaf, 1, nameof(MinimumExamplesPerLeaf));
    }

    // The name travels as a parameter (CA2208 wants a parameter name there).
    private static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Forest.{name} must be at least {minimum}; got {value}.");
        }
    }
}
