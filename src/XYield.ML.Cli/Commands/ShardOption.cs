using System.Globalization;
using XYield.ML.Benchmark;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>--shard i/n</c> (i from 1 to n) or <c>--shard auto/n</c>, which takes the 0-based index from JOB_COMPLETION_INDEX
/// (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm <c>--array=0-(n−1)</c>).
/// </summary>
internal static class ShardOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--shard";

    /// <summary>The option's help text.</summary>
    public const string Description =
        "Run shard i of n only ('i/n', i from 1), or 'auto/n': the 0-based index from $JOB_COMPLETION_INDEX (Kubernetes Indexed Job) "
        + "or $SLURM_ARRAY_TASK_ID (Slurm --array=0-(n−1)). Results go to <output>/shard-i-of-n; combine with 'xyield benchmark merge' (docs/cluster.md).";

    /// <summary>The 0-based index and the count, or null when the option was not given.</summary>
    /// <exception cref="ArgumentException">Not of the form i/n or auto/n, out of range, or auto without the variables.</exception>
    public static (int Index, int Count)? Parse(string? text, Func<string, string?> environment)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new ArgumentException($"{Name} must be i/n (e.g. 2/3, i from 1 to n) or auto/n (e.g. auto/3); got '{text}'.");
        }

        if (string.Equals(parts[0], "auto", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return (BenchmarkShards.IndexFromEnvironment(count, environment), count);
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException($"{Name} {text}: {e.Message}", e);
            }
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Name} {text}: the shard number must be from 1 to {count} (or 'auto')."));
        }

        return (number - 1, count);
    }

    /// <summary>The shard's folder inside the output folder: "shard-2-of-3".</summary>
    public static string FolderName(int index, int count) => string.Create(CultureInfo.InvariantCulture, $"shard-{index + 1}-of-{count}");
}
