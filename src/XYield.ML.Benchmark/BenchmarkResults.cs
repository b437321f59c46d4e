using System.Globalization;
using XYield.ML.Benchmark.Report;
using XYield.ML.Evaluation;
using XYield.ML.Models;

namespace XYield.ML.Benchmark;

/// <summary>
/// Completed runs with the settings that made them: what <see cref="BenchmarkRunner.Run"/> returns and
/// <see cref="Load"/> reads back from an output folder. Renders the paper's tables and figures and the report.
/// </summary>
public sealed class BenchmarkResults
{
    /// <summary>Wraps completed runs.</summary>
    /// <param name="config">What the runs were asked to do (config.json).</param>
    /// <param name="runs">The completed runs.</param>
    /// <param name="fingerprint">What shaped their numbers (<see cref="BenchmarkPlan.Fingerprint"/>), stored with them in results.json.</param>
    /// <param name="source">Where they come from (a folder), for messages; null when unknown.</param>
    public BenchmarkResults(BenchmarkConfig config, IReadOnlyList<RunResult> runs, IReadOnlyDictionary<string, string>? fingerprint, string? source = null)
    {
        Source = source;
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(runs);
        Config = config;
        Runs = runs;
        Fingerprint = fingerprint;
    }

    /// <summary>Where the results come from (the folder <see cref="Load"/> read), for messages; null when unknown.</summary>
    public string? Source { get; }

    /// <summary>What the runs were asked to do: splits, seeds, methods, tasks, profile, protocol, settings, versions.</summary>
    public BenchmarkConfig Config { get; }

    /// <summary>The completed runs, in the order they finished.</summary>
    public IReadOnlyList<RunResult> Runs { get; }

    /// <summary>What shaped the numbers (option name → value); null for files written before it was stored.</summary>
    public IReadOnlyDictionary<string, string>? Fingerprint { get; }

    /// <summary>
    /// The paper's Table 2 (few-shot splits) and Table 11 (cross-validation) of <paramref name="task"/>: test MSE (GPa²)
    /// or accuracy per method and split, the mean over seeds with its 95 % interval.
    /// </summary>
    /// <param name="task">Regression (MSE) or classification (accuracy).</param>
    public IReadOnlyList<MetricRow> MetricTable(YieldTask task) => BenchmarkTables.MetricTable(Runs, BenchmarkTasks.Name(task));

    /// <summary>
    /// Every method against <paramref name="reference"/> (default: the random forest with the Maresca–Curtin feature),
    /// paired by seed: the mean difference of the test metric with its 95 % interval, per split.
    /// </summary>
    /// <param name="task">Regression (MSE) or classification (accuracy).</param>
    /// <param name="reference">The reference method's short name.</param>
    public IReadOnlyList<PairedRow> PairedTable(YieldTask task, string reference = PairedComparison.DefaultReference) =>
        PairedComparison.Against(Runs, BenchmarkTasks.Name(task), reference);

    /// <summary>The paper's Table 3: measured and predicted yield strength of its alloys, on <paramref name="split"/> (default: <see cref="PreferredSplit"/>).</summary>
    /// <param name="split">A split name ("10", "5", "cv"); null for <see cref="PreferredSplit"/>.</param>
    public IReadOnlyList<AlloyRow> AlloyTable(string? split = null) =>
        (split ?? PreferredSplit) is { } s ? BenchmarkTables.AlloyTable(Runs, s) : [];

    /// <summary>The paper's Table 12: per method, the seeds' models as an ensemble on the cross-validation regression runs.</summary>
    /// <param name="split">The split; only cross-validation ("cv") predicts the same points under every seed.</param>
    public IReadOnlyList<EnsembleRow> EnsembleTable(string split = BenchmarkSplit.CrossValidation) => BenchmarkTables.Ensembles(Runs, split);

    /// <summary>The paper's Fig. 3: per method, the test MSE within each temperature range on <paramref name="split"/>.</summary>
    /// <param name="split">A split name; null for <see cref="PreferredSplit"/>.</param>
    public IReadOnlyDictionary<string, IReadOnlyList<TemperatureRangeError>> TemperatureErrors(string? split = null) =>
        (split ?? PreferredSplit) is { } s ? BenchmarkTables.TemperatureErrors(Runs, s) : new Dictionary<string, IReadOnlyList<TemperatureRangeError>>();

    /// <summary>
    /// Fig. 3 as the report draws it: per temperature range the test points of each seed, and per method the MSE of each
    /// seed in that range with their mean and standard deviation.
    /// </summary>
    /// <param name="split">A split name; null for <see cref="PreferredSplit"/>.</param>
    public TemperatureSpread? TemperatureSpread(string? split = null) =>
        (split ?? PreferredSplit) is { } s ? BenchmarkTables.TemperatureSpread(Runs, s) : null;

    /// <summary>The split of the per-point tables and figures: 10 % as in the paper, else the first regression split; null without regression runs.</summary>
    public string? PreferredSplit => ReportWriter.PreferredSplit(Runs);

    /// <summary>
    /// Writes report.md (Tables 2, 11, 3, 12, Fig. 3, parity plot, sparsity), results.csv, config.json and the figures
    /// into <paramref name="folder"/>, and results.json when <paramref name="includeResults"/>.
    /// </summary>
    /// <param name="folder">The folder (created if missing).</param>
    /// <param name="includeResults">Whether to write results.json too (a runner's output folder has it already).</param>
    /// <param name="displayName">The table name of a method's short name; null for <see cref="BenchmarkMethods.DisplayName"/>.</param>
    /// <returns>The path of report.md.</returns>
    public string WriteReport(string folder, bool includeResults = true, Func<string, string>? displayName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        using var folderLock = OutputFolderLock.Acquire(folder);
        if (includeResults)
        {
            ResultStore.Write(Path.Combine(folder, ResultStore.FileName), Runs, Fingerprint);
        }

        ReportWriter.Write(folder, Runs, Config, displayName ?? BenchmarkMethods.DisplayName);
        return Path.Combine(folder, ReportWriter.ReportFile);
    }

    /// <summary>Reads the results.json and config.json of an output folder.</summary>
    /// <param name="folder">A folder written by <see cref="BenchmarkRunner"/>, <see cref="WriteReport"/> or <c>xyield benchmark</c>.</param>
    /// <exception cref="FileNotFoundException">The folder has no results.json.</exception>
    /// <exception cref="InvalidDataException">A file is not what it should be.</exception>
    public static BenchmarkResults Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var store = ResultStore.Read(Path.Combine(folder, ResultStore.FileName));
        var config = ReportWriter.ReadConfig(folder) ?? BenchmarkConfig.Of(store.Results);
        return new BenchmarkResults(config, store.Results, store.Settings, folder);
    }

    /// <summary>
    /// Combines the results of shards (<see cref="BenchmarkPlan.Shard"/>) or of any runs made with the same settings into
    /// one: the union of their runs in plan order (seed, task, split, method, as an unsharded run orders them), so the
    /// tables come out as from one run. The same run in two parts must have the same numbers; it is kept once. Parts may
    /// differ in a setting none of the other's runs depends on (<see cref="BenchmarkMethods.DependsOn"/>): a baseline run
    /// with a Bi-RPT run made with another <c>--birpt-target</c>, say. The merged fingerprint holds each setting as the runs
    /// that depend on it were made, and the merged config names the settings the parts differed in. Parts of different plans
    /// list their methods in the benchmark's report order (<see cref="BenchmarkMethods.Names"/>).
    /// </summary>
    /// <param name="parts">The parts, e.g. <see cref="Load"/> of every shard folder.</param>
    /// <exception cref="ArgumentException">No parts.</exception>
    /// <exception cref="InvalidDataException">
    /// Two parts were made with different settings fingerprints, or hold the same run with different numbers; the message
    /// names the parts (<see cref="Source"/>) and the difference.
    /// </exception>
    public static BenchmarkResults Merge(IReadOnlyList<BenchmarkResults> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("Nothing to merge: give at least one set of results.", nameof(parts));
        }

        if (parts.Any(p => p is null))
        {
            throw new ArgumentNullException(nameof(parts), "A part to merge is null.");
        }

        var (fingerprint, differing) = MergeFingerprints(parts);
        var runs = new Dictionary<RunKey, (RunResult Run, BenchmarkResults Part)>();
        foreach (var part in parts)
        {
            foreach (var run in part.Runs)
            {
                if (runs.TryGetValue(run.Key, out var seen) && !seen.Run.Equals(run))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"{Name(seen.Part)} and {Name(part)} both hold {run.Method} {run.Task} split {run.Split} seed {run.Seed}, with different numbers (metric {seen.Run.Metric:R} and {run.Metric:R}); merge results of one plan only."));
                }

                runs.TryAdd(run.Key, (run, part));
            }
        }

        var config = MergeConfigs(parts.Select(p => p.Config).ToArray());
        if (differing.Count > 0)
        {
            config = config with { Settings = new Dictionary<string, string>(config.Settings) { [BenchmarkConfig.MergedKey] = string.Join("; ", differing) } };
        }

        static int Position<T>(IEnumerable<T> order, T value) => order.ToList().IndexOf(value) is var i and >= 0 ? i : int.MaxValue;
        var ordered = runs.Values.Select(v => v.Run)
            .OrderBy(r => Position(config.Seeds, r.Seed))
            .ThenBy(r => Position(config.Tasks, r.Task))
            .ThenBy(r => Position(config.Splits, r.Split))
            .ThenBy(r => Position(config.Methods, r.Method))
            .ToArray();
        return new BenchmarkResults(config, ordered, fingerprint);
    }

    // Shards of one plan keep its order (the user's --methods); folders of different plans get the benchmark's report order.
    private static string[] MergeMethods(BenchmarkConfig[] configs)
    {
        var union = configs.SelectMany(c => c.Methods).Distinct().ToArray();
        if (configs.All(c => c.Methods.SequenceEqual(configs[0].Methods)))
        {
            return union;
        }

        var rank = BenchmarkMethods.Names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        return [.. union.OrderBy(m => rank.GetValueOrDefault(m, int.MaxValue))];
    }

    // Each setting as the runs that depend on it were made; parts whose runs all ignore a setting may hold any value of it.
    // A part written before fingerprints were stored cannot be checked, so it merges only with parts like it.
    private static (Dictionary<string, string>? Fingerprint, List<string> Differing) MergeFingerprints(IReadOnlyList<BenchmarkResults> parts)
    {
        var first = parts[0];
        if (parts.FirstOrDefault(p => (p.Fingerprint is null) != (first.Fingerprint is null)) is { } odd)
        {
            throw new InvalidDataException($"{Name(first.Fingerprint is null ? first : odd)} has no settings fingerprint (written by an older version), so it cannot be merged with {Name(first.Fingerprint is null ? odd : first)}.");
        }

        if (first.Fingerprint is null)
        {
            return (null, []);
        }

        var merged = new Dictionary<string, string>();
        var differing = new List<string>();
        foreach (var key in parts.SelectMany(p => p.Fingerprint!.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            string? ValueIn(BenchmarkResults part) => part.Fingerprint!.GetValueOrDefault(key);
            var dependent = parts.Where(p => p.Runs.Any(r => BenchmarkMethods.DependsOn(r.Method, key))).ToArray();
            if (dependent.FirstOrDefault(p => ValueIn(p) != ValueIn(dependent[0])) is { } other)
            {
                var method = other.Runs.First(r => BenchmarkMethods.DependsOn(r.Method, key)).Method;
                throw new InvalidDataException(
                    $"{Name(other)} was made with other settings than {Name(dependent[0])} ({key} {ValueIn(dependent[0]) ?? "unset"} vs {ValueIn(other) ?? "unset"}), and its {method} runs depend on it; only results made with the same settings can be merged.");
            }

            var value = ValueIn(dependent.Length > 0 ? dependent[0] : first);
            if (parts.Select(ValueIn).Distinct().Count() > 1)
            {
                differing.Add(dependent.Length > 0
                    ? $"{key} {value ?? "unset"} (as {string.Join(", ", dependent.Select(Name))} made the runs that depend on it)"
                    : $"{key} differed, and no run depends on it");
            }

            if (value is not null)
            {
                merged[key] = value;
            }
        }

        return (merged, differing);
    }

    // The first part's config with the union of the choices; a shard's position no longer applies.
    private static BenchmarkConfig MergeConfigs(BenchmarkConfig[] configs)
    {
        var first = configs[0];
        var settings = new Dictionary<string, string>();
        foreach (var (key, value) in configs.SelectMany(c => c.Settings).Where(s => s.Key != BenchmarkConfig.ShardKey))
        {
            settings.TryAdd(key, value);
        }

        return first with
        {
            Splits = configs.SelectMany(c => c.Splits).Distinct().ToArray(),
            Seeds = configs.SelectMany(c => c.Seeds).Distinct().Order().ToArray(),
            Methods = MergeMethods(configs),
            Tasks = configs.SelectMany(c => c.Tasks).Distinct().ToArray(),
            Settings = settings,
        };
    }

    private static string Name(BenchmarkResults part) => part.Source is { } source ? $"'{source}'" : "a part";
}
