using XYield.ML.Transforms;

namespace XYield.ML.Cli.Benchmark;

/// <summary>The five yield-strength classes of design.md §2 as 0-based indices: [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2), [2, ∞) GPa.</summary>
internal static class YieldClasses
{
    private static readonly YieldStrengthBins Bins = new(YieldStrengthBinningEstimator.Options.DefaultEdgesGpa, "DefaultEdgesGpa");

    /// <summary>The inner edges in GPa, shared with the library's binning transform.</summary>
    public static IReadOnlyList<double> EdgesGpa => Bins.EdgesGpa;

    /// <summary>The number of classes.</summary>
    public static int Count => Bins.Count;

    /// <summary>The 0-based class of a yield strength in GPa; values on an edge go to the upper class (the binner's rule).</summary>
    public static int Of(double gpa) => (int)Bins.KeyOf(gpa) - 1;
}
