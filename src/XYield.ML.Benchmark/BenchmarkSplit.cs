using System.Globalization;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Splits;

namespace XYield.ML.Benchmark;

/// <summary>A split family of the benchmark: extreme few-shot at a percentage, or 10-fold cross-validation.</summary>
/// <param name="Name">"5", "10" (percent) or "cv": the name in results and on the command line.</param>
public sealed record BenchmarkSplit(string Name)
{
    /// <summary>The folds of cross-validation.</summary>
    public const int Folds = 10;

    /// <summary>The name of cross-validation.</summary>
    public const string CrossValidation = "cv";

    /// <summary>The heading used in tables: "5 %", "10 %", "10-fold CV".</summary>
    public string Label => Name == CrossValidation ? $"{Folds}-fold CV" : Name + " %";

    /// <summary>Reads "5", "10", "cv" (any whole percentage from 1 to 99 is a few-shot split).</summary>
    /// <exception cref="ArgumentException">Anything else; the message says what is accepted.</exception>
    public static BenchmarkSplit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().TrimEnd('%').Trim();
        if (string.Equals(trimmed, CrossValidation, StringComparison.OrdinalIgnoreCase))
        {
            return new BenchmarkSplit(CrossValidation);
        }

        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 99)
        {
            return new BenchmarkSplit(percent.ToString(CultureInfo.InvariantCulture));
        }

        throw new ArgumentException($"Unknown split '{text}': use a few-shot percentage from 1 to 99 (the paper's are 5 and 10) or 'cv' for {Folds}-fold cross-validation.");
    }

    /// <summary>Reads a comma-separated split list ("5,10,cv"); duplicates are dropped.</summary>
    /// <param name="text">The list.</param>
    /// <exception cref="ArgumentException">An unknown split, or none.</exception>
    public static IReadOnlyList<BenchmarkSplit> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var splits = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse).Distinct().ToArray();
        return splits.Length > 0 ? splits : throw new ArgumentException("--splits names no split.");
    }

    /// <summary>The train/test partitions of this split for <paramref name="seed"/>: one for few-shot, ten for cross-validation.</summary>
    /// <param name="points">The experimental set.</param>
    /// <param name="seed">The split's seed.</param>
    public IReadOnlyList<DataSplit> Partitions(ExperimentalDataSet points, int seed) =>
        Name == CrossValidation
            ? ExperimentalSplits.KFold(points, Folds, seed)
            : [ExperimentalSplits.FewShot(points, int.Parse(Name, CultureInfo.InvariantCulture) / 100.0, seed)];
}
