using System.CommandLine;
using System.Globalization;
using XYield.ML.Storage;
using XYield.ML.Training;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>--cache</c>, <c>--no-cache</c> and <c>--pretrain-seed</c>: where pre-trained networks are stored between runs, and
/// the seed that makes the pre-training part of the configuration rather than of each fine-tune seed.
/// </summary>
internal sealed class PretrainingCacheOptions
{
    /// <summary>The environment variable naming the cache folder.</summary>
    public const string EnvironmentVariable = PretrainedNetworkStore.FolderEnvironmentVariable;

    private readonly Option<DirectoryInfo?> _cache = new("--cache")
    {
        Description = $"Folder of the pre-trained network cache (default: ${EnvironmentVariable}, else $XDG_CACHE_HOME/xyield, else ~/.cache/xyield).",
    };

    private readonly Option<bool> _noCache = new("--no-cache") { Description = "Pre-train in this run without reading or writing the cache." };

    // A string read by OptionValues: invariant culture under any LANG.
    private readonly Option<string?> _seed = new("--pretrain-seed")
    {
        Description = "Seed of the simulated draw and of pre-training, shared by every fine-tune seed; ≥ 0 (default 0).",
    };

    /// <summary>What the options chose.</summary>
    /// <param name="Store">The store, or null with --no-cache.</param>
    /// <param name="Seed">The pre-training seed.</param>
    public sealed record Choice(PretrainedNetworkStore? Store, int Seed);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_cache);
        command.Options.Add(_noCache);
        command.Options.Add(_seed);
    }

    /// <summary>Reads and checks the options; throws <see cref="ArgumentException"/> naming the option at fault.</summary>
    public Choice Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var seed = OptionValues.WholeNumber(_seed.Name, parse.GetValue(_seed), int.MinValue, int.MaxValue, "seed") ?? 0;
        if (seed < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--pretrain-seed must be ≥ 0 (got {seed})."));
        }

        var folder = parse.GetValue(_cache);
        if (parse.GetValue(_noCache))
        {
            return folder is null
                ? new Choice(null, seed)
                : throw new ArgumentException($"--cache '{folder}' and --no-cache contradict each other; give one of them.");
        }

        return new Choice(new PretrainedNetworkStore(folder?.FullName ?? PretrainedNetworkStore.DefaultFolder()), seed);
    }
}
