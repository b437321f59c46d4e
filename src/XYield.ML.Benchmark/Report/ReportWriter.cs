using System.Globalization;
using System.Text;
using System.Text.Json;
using XYield.ML.Storage;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// Writes the benchmark's output folder from completed runs: report.md (Tables 2, 11, 3, 12, Fig. 3 and a parity
/// plot), results.csv (one line per run), config.json and the PNG figures. results.json is the
/// <see cref="ResultStore"/>'s; the report can be rewritten from it at any time.
/// </summary>
public static class ReportWriter
{
    /// <summary>The Markdown report's file name.</summary>
    public const string ReportFile = "report.md";

    /// <summary>The per-run CSV's file name.</summary>
    public const string CsvFile = "results.csv";

    /// <summary>Fig. 3's file name.</summary>
    public const string TemperatureFigure = "fig3-temperature-mse.png";

    /// <summary>The parity plot's file name.</summary>
    public const string ParityFigure = "parity.png";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    // Relaxed escaping keeps "÷" and "≥" readable in config.json; the file is never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes every file except results.json into <paramref name="folder"/>.</summary>
    /// <param name="folder">The output folder (created if missing).</param>
    /// <param name="results">The completed runs.</param>
    /// <param name="config">The run's settings.</param>
    /// <param name="displayName">Maps a method's short name to its table name.</param>
    public static void Write(string folder, IReadOnlyList<RunResult> results, BenchmarkConfig config, Func<string, string> displayName)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(displayName);
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, BenchmarkConfig.FileName), JsonSerializer.Serialize(config, Json));
        AtomicFile.WriteAllText(Path.Combine(folder, CsvFile), Csv(results));

        var figureSplit = PreferredSplit(results);
        var figures = new List<string>();
        if (figureSplit is not null)
        {
            ReportPlots.TemperatureErrors(Path.Combine(folder, TemperatureFigure), BenchmarkTables.TemperatureSpread(results, figureSplit), displayName);
            var parity = results.Where(r => r.Task == RunResult.Regression && r.Split == figureSplit)
                .GroupBy(r => r.Method)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<PointPrediction>)g.SelectMany(r => r.Points).ToArray());
            ReportPlots.Parity(Path.Combine(folder, ParityFigure), parity, displayName);
        }

        AtomicFile.WriteAllText(Path.Combine(folder, ReportFile), Markdown(results, config, displayName, figureSplit));
    }

    /// <summary>Reads config.json from <paramref name="folder"/>; null when there is none.</summary>
    /// <param name="folder">The output folder.</param>
    /// <exception cref="InvalidDataException">The file is not a benchmark config.</exception>
    public static BenchmarkConfig? ReadConfig(string folder)
    {
        var path = Path.Combine(folder, BenchmarkConfig.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BenchmarkConfig>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"'{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a benchmark config ({e.Message}).", e);
        }
    }

    /// <summary>The split the per-point tables and figures use: 10 % as in the paper, else the first regression split run.</summary>
    /// <param name="results">The completed runs.</param>
    public static string? PreferredSplit(IReadOnlyList<RunResult> results)
    {
        var regression = results.Where(r => r.Task == RunResult.Regression).Select(r => r.Split).Distinct().ToArray();
        return regression.Contains("10") ? "10" : regression.FirstOrDefault();
    }

    private static string Csv(IReadOnlyList<RunResult> results)
    {
        // New columns go at the end, so readers of the first six keep working.
        var csv = new StringBuilder("method,task,split,seed,metric,test_points,protocol,final_epoch_metric,selected_epochs\n");
        foreach (var r in results)
        {
            var selected = r.SelectedEpochs is { } epochs ? string.Join(';', epochs) : "";
            csv.Append(Inv, $"{r.Method},{r.Task},{r.Split},{r.Seed},{r.Metric:R},{r.Points.Count},{r.Protocol},{r.FinalEpochMetric:R},{selected}\n");
        }

        return csv.ToString();
    }

    private static string Markdown(IReadOnlyList<RunResult> results, BenchmarkConfig config, Func<string, string> displayName, string? figureSplit)
    {
        var md = new StringBuilder("# X-Yield benchmark report\n\n");
        Header(md, results, config, displayName);
        var overridden = config.Overridden.Count > 0 ? $", overridden by {string.Join(", ", config.Overridden)}" : "";
        md.Append(Inv, $"Profile: **{config.Profile}**{overridden}. CNN methods: {config.Settings.GetValueOrDefault(BenchmarkConfig.CnnKey, "see config.json")}.");
        md.Append(config.Profile == "quick" ? " The quick profile's CNN numbers come from small pre-training and few seeds: indicative, not the paper's results.\n\n" : "\n\n");
        if (config.Settings.GetValueOrDefault(BenchmarkConfig.MergedKey) is { } merged)
        {
            // The CNN line above is the first folder's; where the folders differed, each method's runs are as said here.
            md.Append(Inv, $"Merged from folders whose settings differed where only some methods depend on them: {merged}.\n\n");
        }

        md.Append(config.SelectsOnTest ? "" : $"Protocol {EvaluationProtocols.FinalEpochDescription}\n\n");
        md.Append(Inv, $"Recommended method: **{displayName(BenchmarkMethods.Recommended)}** (`{BenchmarkMethods.Recommended}`), chosen by cross-validation on the training parts of the few-shot splits, not by the test numbers below.\n\n");
        md.Append("Cells are the mean over seeds ± the half-width of the 95 % confidence interval (Student's t), with the number of seeds in brackets (n/a: one seed has no interval).\n\n");

        MetricSection(md, "Table 2 (Table 11 for cv): test MSE (GPa², lower is better)", BenchmarkTables.MetricTable(results, RunResult.Regression), config, displayName, "0.0000");
        MetricSection(md, "Table 2 (Table 11 for cv): test accuracy on the five classes (higher is better)", BenchmarkTables.MetricTable(results, RunResult.Classification), config, displayName, "0.000");
        md.Append(PairedComparison.Section(results, displayName));
        md.Append(PairedComparison.SparseSection(results, displayName));
        md.Append(PairedComparison.BiRptSection(results, displayName));
        md.Append(CalibrationTable.Section(results, displayName));

        if (figureSplit is not null)
        {
            AlloySection(md, results, figureSplit, config, displayName);
            TemperatureSection(md, BenchmarkTables.TemperatureSpread(results, figureSplit), figureSplit, config, displayName);
            var seeds = results.Where(r => r.Task == RunResult.Regression && r.Split == figureSplit).Select(r => r.Seed).Distinct().Count();
            md.Append(Inv, $"## Parity plot ({new BenchmarkSplit(figureSplit).Label} split, {Plural(seeds, "seed")} pooled)\n\n{ProtocolWarning(config)}");
            md.Append("One panel per method: predicted against measured yield strength of every test point, with the line y = x. ");
            md.Append("All panels share one range on both axes, so the panels are square and comparable. Each panel's MSE (GPa²) and R² are over the points it shows; ");
            md.Append("with the same number of test points per seed this MSE equals Table 2's mean.\n\n");
            md.Append(Inv, $"![Predicted vs measured, one panel per method]({ParityFigure})\n\n");
        }

        EnsembleSection(md, BenchmarkTables.Ensembles(results), config, displayName);
        SparsitySummary.AppendSection(md, results, displayName, ProtocolWarning(config));
        SearchSummary.AppendSection(md, results, displayName);
        EpochChoiceSummary.AppendSection(md, results, displayName);
        return md.ToString();
    }

    // What the results hold, not what was asked for: a resumed, interrupted or sharded run may lack seeds, methods or splits.
    private static void Header(StringBuilder md, IReadOnlyList<RunResult> results, BenchmarkConfig config, Func<string, string> displayName)
    {
        var seeds = results.Select(r => r.Seed).Distinct().Order().ToArray();
        var methods = config.Methods.Concat(results.Select(r => r.Method)).Distinct().Where(m => results.Any(r => r.Method == m)).ToArray();
        var splits = config.Splits.Concat(results.Select(r => r.Split)).Distinct().Where(s => results.Any(r => r.Split == s)).ToArray();
        var tasks = config.Tasks.Concat(results.Select(r => r.Task)).Distinct().Where(t => results.Any(r => r.Task == t)).ToArray();
        md.Append(Inv, $"Completed runs: {results.Count}. Seeds: {List(seeds.Select(s => s.ToString(Inv)))}. ");
        md.Append(Inv, $"Splits: {List(splits.Select(s => new BenchmarkSplit(s).Label))}. Tasks: {List(tasks)}. ");
        md.Append(Inv, $"Methods ({methods.Length}): {List(methods.Select(displayName))}.\n\n");

        var missing = new List<string>();
        if (config.Seeds.Except(seeds).ToArray() is { Length: > 0 } seedsLeft)
        {
            missing.Add($"{Plural(seedsLeft.Length, "seed")} ({List(seedsLeft.Select(s => s.ToString(Inv)))})");
        }

        if (config.Methods.Except(methods).ToArray() is { Length: > 0 } methodsLeft)
        {
            missing.Add($"{Plural(methodsLeft.Length, "method")} ({List(methodsLeft.Select(displayName))})");
        }

        if (config.Splits.Except(splits).ToArray() is { Length: > 0 } splitsLeft)
        {
            missing.Add($"{Plural(splitsLeft.Length, "split")} ({List(splitsLeft.Select(s => new BenchmarkSplit(s).Label))})");
        }

        if (missing.Count > 0)
        {
            md.Append(Inv, $"Planned but without a completed run: {string.Join("; ", missing)}.\n\n");
        }
    }

    private static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";

    private static string Plural(int count, string noun) => string.Create(Inv, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>The warning that stands above every table and figure of a best-test-epoch report.</summary>
    /// <param name="config">The run's settings.</param>
    public static string ProtocolWarning(BenchmarkConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.SelectsOnTest ? $"> **Warning**: {EvaluationProtocols.Warning}\n\n" : "";
    }

    private static void MetricSection(StringBuilder md, string title, IReadOnlyList<MetricRow> rows, BenchmarkConfig config, Func<string, string> displayName, string format)
    {
        md.Append(Inv, $"## {title}\n\n").Append(ProtocolWarning(config));
        if (rows.Count == 0)
        {
            md.Append("No runs of this task.\n\n");
            return;
        }

        // The configured splits first, then any others a resumed results file holds.
        var splits = config.Splits.Concat(rows.SelectMany(r => r.BySplit.Keys)).Distinct().Where(s => rows.Any(r => r.BySplit.ContainsKey(s))).ToArray();
        md.Append("| method | ").Append(string.Join(" | ", splits.Select(s => new BenchmarkSplit(s).Label))).Append(" |\n");
        md.Append("| --- |").Append(string.Concat(splits.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows)
        {
            var cells = splits.Select(s => row.BySplit.TryGetValue(s, out var m) ? string.Create(Inv, $"{m.ToString(format)} ({m.Count})") : "–");
            var recommended = row.Method == BenchmarkMethods.Recommended ? " **(recommended)**" : "";
            md.Append(Inv, $"| {displayName(row.Method)}{recommended} | {string.Join(" | ", cells)} |\n");
        }

        md.Append('\n');
    }

    // Table 3 as one table per alloy: temperatures across, the measurement, the simulation and the methods down.
    private static void AlloySection(StringBuilder md, IReadOnlyList<RunResult> results, string split, BenchmarkConfig config, Func<string, string> displayName)
    {
        md.Append(Inv, $"## Table 3: predicted vs experimental YS (GPa), {new BenchmarkSplit(split).Label} split\n\n").Append(ProtocolWarning(config));
        var rows = BenchmarkTables.AlloyTable(results, split);
        if (rows.Count == 0)
        {
            md.Append("None of the Table 3 alloys was a test point in these runs.\n\n");
            return;
        }

        md.Append("Per alloy (equiatomic), one column per measured temperature: the measurement, the Maresca–Curtin simulation ");
        md.Append("(which the `mc` method predicts, so it has no row of its own), and each method's prediction, the mean over the seeds ");
        md.Append("whose split held that point out (– where none did). MAE: the mean absolute error against the measurement over the row's cells.\n\n");
        var methods = rows.SelectMany(r => r.PredictedGpa.Keys).Distinct().ToArray();
        foreach (var alloy in rows.GroupBy(r => r.Alloy))
        {
            var columns = alloy.ToArray();
            var whole = columns.Select(c => Math.Round(c.TemperatureKelvin)).Distinct().Count() == columns.Length;
            var headers = columns.Select(c => c.TemperatureKelvin.ToString(whole ? "0" : "0.##", Inv) + " K");
            md.Append(Inv, $"**{alloy.Key}**\n\n| | {string.Join(" | ", headers)} | MAE |\n");
            md.Append("| --- |").Append(string.Concat(columns.Select(_ => " --- |"))).Append(" --- |\n");
            md.Append(Inv, $"| experiment | {string.Join(" | ", columns.Select(c => c.ExperimentalGpa.ToString("0.000", Inv)))} | |\n");
            AppendAlloyRow(md, "Maresca–Curtin (simulation)", columns, c => c.SimulationGpa);
            foreach (var method in methods)
            {
                AppendAlloyRow(md, displayName(method), columns, c => c.PredictedGpa.TryGetValue(method, out var v) ? v : null);
            }

            md.Append('\n');
        }
    }

    private static void AppendAlloyRow(StringBuilder md, string name, IReadOnlyList<AlloyRow> columns, Func<AlloyRow, double?> value)
    {
        var cells = columns.Select(value).ToArray();
        var errors = columns.Zip(cells).Where(p => p.Second is not null).Select(p => Math.Abs(p.Second!.Value - p.First.ExperimentalGpa)).ToArray();
        var mae = errors.Length > 0 ? errors.Average().ToString("0.000", Inv) : "–";
        md.Append(Inv, $"| {name} | {string.Join(" | ", cells.Select(v => v?.ToString("0.000", Inv) ?? "–"))} | {mae} |\n");
    }

    private static void TemperatureSection(StringBuilder md, TemperatureSpread spread, string split, BenchmarkConfig config, Func<string, string> displayName)
    {
        var seeds = spread.Bins.SelectMany(b => b.PointsBySeed.Keys).Distinct().Count();
        md.Append(Inv, $"## Fig. 3: test MSE by temperature ({new BenchmarkSplit(split).Label} split, {Plural(seeds, "seed")})\n\n").Append(ProtocolWarning(config));
        md.Append("Each marker is a method's test MSE within one temperature range (lower edge included, upper excluded), the mean over seeds of ");
        md.Append("each seed's MSE on its own test points in that range; error bars are ± one sample standard deviation across those seeds ");
        md.Append("(clipped at 0; none with one seed). Under each range, n is the number of test points per seed (a span when the seeds' splits differ): ");
        md.Append("an MSE over a handful of points is noisy. Methods stand side by side within a range, and nothing joins the ranges; ");
        md.Append("a method without test points in a range has no marker there.\n\n");
        md.Append(Inv, $"![Test MSE by temperature range]({TemperatureFigure})\n\n");

        md.Append("The figure's numbers: mean ± standard deviation (GPa²), seeds in brackets.\n\n");
        md.Append("| method | ").Append(string.Join(" | ", spread.Bins.Select(b => string.Create(Inv, $"{b.FromKelvin:0}–{b.ToKelvin:0} K")))).Append(" |\n");
        md.Append("| --- |").Append(string.Concat(spread.Bins.Select(_ => " --- |"))).Append('\n');
        md.Append("| test points per seed | ").Append(string.Join(" | ", spread.Bins.Select(b => b.CountLabel))).Append(" |\n");
        foreach (var (method, errors) in spread.ByMethod)
        {
            var cells = errors.Select(e => e is null ? "–" : string.Create(Inv, $"{e.Mean:0.0000} ± {(e.Seeds > 1 ? e.StandardDeviation.ToString("0.0000", Inv) : "n/a")} ({e.Seeds})"));
            md.Append(Inv, $"| {displayName(method)} | {string.Join(" | ", cells)} |\n");
        }

        md.Append('\n');
    }

    private static void EnsembleSection(StringBuilder md, IReadOnlyList<EnsembleRow> rows, BenchmarkConfig config, Func<string, string> displayName)
    {
        md.Append("## Table 12: ensembles over seeds (10-fold CV regression)\n\n").Append(ProtocolWarning(config));
        if (rows.Count == 0)
        {
            md.Append("Needs cross-validation regression runs with at least two seeds.\n\n");
            return;
        }

        md.Append("| method | seeds | points | member MSE | ensemble MSE | mean uncertainty (GPa) | corr(uncertainty, abs. error) |\n");
        md.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var row in rows)
        {
            var s = row.Statistics;
            md.Append(Inv, $"| {displayName(row.Method)} | {row.Members} | {row.Points} | {row.MemberMse.ToString("0.0000")} | {s.MeanSquaredError:0.0000} | {s.Uncertainty.Average():0.0000} | {s.UncertaintyErrorCorrelation:0.000} |\n");
        }

        md.Append('\n');
    }
}
