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
    public BenchmarkResults(BenchmarkConfig config, IReadOnlyList<RunResult> runs, IReadOnlyDictionary<string, string>? fingerprint)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(runs);
        Config = config;
        Runs = runs;
        Fingerprint = fingerprint;
    }

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
        Directory.CreateDirectory(folder);
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
        return new BenchmarkResults(config, store.Results, store.Settings);
    }
}
