using XYield.ML.Transforms;

namespace XYield.ML.Cli.Benchmark;

/// <summary>The five yield-strength classes of design.md §2 as 0-based indices: [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2), [2, ∞) GPa.</summary>
internal static class YieldClasses
{
    /// <summary>The inner edges in GPa, shared with the library's binning transform.</summary>
    public static IReadOnlyList<double> EdgesGpa => YieldStrengthBinningEstimator.Options.DefaultEdgesGpa;

    /// <summary>The number of classes.</summary>
    public static int Count => EdgesGpa.Count + 1;

    /// <summary>The 0-based class of a yield strength in GPa; values on an edge go to the upper class.</summary>
    public static int Of(double gpa)
    {
        var index = 0;
        while (index < EdgesGpa.Count && gpa >= EdgesGpa[index])
        {
            index++;
        }

        return index;
    }
}
