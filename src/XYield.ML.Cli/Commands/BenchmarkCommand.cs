using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XYield.ML.Cli.Benchmark;
using XYield.ML.Cli.Benchmark.Baselines;
using XYield.ML.Cli.Benchmark.Methods;
using XYield.ML.Cli.Benchmark.Report;
using XYield.ML.Data.Experimental;
using XYield.ML.Models;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>xyield benchmark</c>: runs methods × tasks × splits × seeds, appending each completed run to results.json in the
/// output folder (a rerun resumes), then writes report.md with the paper's tables and figures.
/// </summary>
internal static class BenchmarkCommand
{
    /// <summary>Seeds used by --quick unless --seeds is given.</summary>
    public const int QuickSeeds = 2;

    /// <summary>The paper's splits, the default.</summary>
    public const string AllSplits = "5,10,cv";

    /// <summary>Splits used by --quick unless --splits is given: cross-validation trains ten times per run.</summary>
    public const string QuickSplits = "5,10";

    public static Command Create()
    {
        var splits = new Option<string?>("--splits") { Description = $"Comma-separated splits: few-shot percentages (5, 10) and/or cv (10-fold cross-validation). Default {AllSplits}, or {QuickSplits} with --quick." };
        var seeds = new Option<int?>("--seeds") { Description = "Number of seeds R (seeds 0 … R−1); default 10, or 2 with --quick." };
        var methods = new Option<string>("--methods") { Description = $"Comma-separated methods: {string.Join(", ", BenchmarkMethods.Names)}; 'baselines' or 'all'.", DefaultValueFactory = _ => "all" };
        var tasks = new Option<string>("--tasks") { Description = "Comma-separated tasks: regression, classification.", DefaultValueFactory = _ => "regression,classification" };
        var quick = new Option<bool>("--quick") { Description = $"Finish in minutes: {QuickSeeds} seeds and splits {QuickSplits} unless given; CNN methods use 1,000 simulated points, 1 pre-training and 5 fine-tuning epochs." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for results.json, results.csv, config.json, report.md and figures; an existing results.json is resumed.", DefaultValueFactory = _ => new DirectoryInfo("benchmark-results") };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N (CNN methods).", DefaultValueFactory = _ => "auto" };
        var data = CommonOptions.Data();
        var pretraining = new PretrainingCacheOptions();
        var command = new Command("benchmark", "Run the X-Yield benchmark (baselines and CNN methods) and write a report with the paper's tables.")
        {
            splits, seeds, methods, tasks, quick, output, device, data,
        };
        pretraining.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var isQuick = parse.GetValue(quick);
            var seedCount = parse.GetValue(seeds) ?? (isQuick ? QuickSeeds : 10);
            if (seedCount < 1)
            {
                throw new ArgumentException($"--seeds must be at least 1 (got {seedCount}).");
            }

            var plan = new BenchmarkPlan(
                BenchmarkMethods.ParseList(parse.GetValue(methods)!),
                ParseTasks(parse.GetValue(tasks)!),
                ParseSplits(parse.GetValue(splits) ?? (isQuick ? QuickSplits : AllSplits)),
                Enumerable.Range(0, seedCount).ToArray(),
                isQuick);
            var cache = pretraining.Read(parse);
            var folder = PrepareOutput(parse.GetValue(output)!);
            var cnn = isQuick ? CnnSettings.Quick(parse.GetValue(device)!) : CnnSettings.Paper(parse.GetValue(device)!);
            Run(plan, cnn, cache, folder, ExperimentalDataSet.Load(parse.GetValue(data)), cancellation);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>What to run, as read from the options.</summary>
    internal sealed record BenchmarkPlan(IReadOnlyList<string> Methods, IReadOnlyList<YieldTask> Tasks, IReadOnlyList<BenchmarkSplit> Splits, IReadOnlyList<int> Seeds, bool Quick);

    private static void Run(BenchmarkPlan plan, CnnSettings cnn, PretrainingCacheOptions.Choice pretraining, DirectoryInfo folder, ExperimentalDataSet points, CancellationToken cancellation)
    {
        using var cache = new PretrainedCache(cnn, pretraining.Store, pretraining.Seed, Console.Error.WriteLine);
        var methods = plan.Methods.Select(name => BenchmarkMethods.Create(name, cache)).ToArray();
        foreach (var (method, task) in methods.SelectMany(m => plan.Tasks.Select(t => (m, t))).Where(p => !p.m.Supports(p.t)))
        {
            throw new ArgumentException($"Method '{method.Name}' cannot run the {BenchmarkRunner.TaskName(task)} task; drop it from --methods or --tasks.");
        }

        var config = Config(plan, cnn);
        var store = ResultStore.Open(Path.Combine(folder.FullName, ResultStore.FileName));
        var runs = BenchmarkRunner.Plan(methods, plan.Tasks, plan.Splits, plan.Seeds);
        var resumed = runs.Count(r => store.Contains(r.Key));
        Console.Error.WriteLine($"xyield benchmark: {runs.Count} runs ({resumed} already in {store.Path}), output {folder.FullName}");
        try
        {
            AnsiConsole.Progress().Start(context =>
            {
                var bar = context.AddTask("benchmark", maxValue: runs.Count);
                bar.Value = resumed;
                BenchmarkRunner.RunMissing(runs, points, store, run =>
                {
                    bar.Value = runs.Count(r => store.Contains(r.Key));
                    bar.Description = Markup.Escape(run.ToString());
                }, cancellation);
                bar.Value = runs.Count;
            });
        }
        finally
        {
            // Interrupted or not, the report covers every completed run.
            var settings = config.Settings.Concat(pretraining.Settings(cache.Keys)).ToDictionary();
            ReportWriter.Write(folder.FullName, store.Results, config with { Settings = settings }, BenchmarkMethods.DisplayName);
        }

        Console.Out.WriteLine($"report written to {Path.Combine(folder.FullName, ReportWriter.ReportFile)}");
    }

    private static BenchmarkConfig Config(BenchmarkPlan plan, CnnSettings cnn)
    {
        var inv = CultureInfo.InvariantCulture;
        var trees = TreeSettings.SmallData;
        return new BenchmarkConfig(
            plan.Splits.Select(s => s.Name).ToArray(),
            plan.Seeds,
            plan.Methods,
            plan.Tasks.Select(BenchmarkRunner.TaskName).ToArray(),
            plan.Quick,
            new Dictionary<string, string>
            {
                ["trees"] = string.Create(inv, $"{trees.Leaves} leaves, ≥ {trees.MinimumExamplesPerLeaf} examples per leaf, {trees.Rounds} rounds, learning rate {trees.LearningRate}, 1 thread"),
                ["cnnSimulatedPoints"] = cnn.SimulatedCount.ToString(inv),
                ["cnnPretrainingEpochs"] = cnn.Pretraining.MaxEpoch.ToString(inv),
                ["cnnFineTuningEpochs"] = cnn.FineTuning.MaxEpoch.ToString(inv),
                ["cnnDevice"] = cnn.Device,
                ["protocol"] = "final epoch, no selection on the test set",
                ["crossValidation"] = $"{BenchmarkSplit.Folds} folds pooled into one run per seed",
            },
            BenchmarkConfig.CurrentVersions());
    }

    private static YieldTask[] ParseTasks(string text)
    {
        var tasks = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant() switch
        {
            RunResult.Regression => YieldTask.Regression,
            RunResult.Classification => YieldTask.Classification,
            _ => throw new ArgumentException($"Unknown task '{t}': use regression and/or classification."),
        }).Distinct().ToArray();
        return tasks.Length > 0 ? tasks : throw new ArgumentException("--tasks names no task.");
    }

    private static BenchmarkSplit[] ParseSplits(string text)
    {
        var splits = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(BenchmarkSplit.Parse).Distinct().ToArray();
        return splits.Length > 0 ? splits : throw new ArgumentException("--splits names no split.");
    }

    /// <summary>Creates the folder and checks it can be written now, rather than after the first hour of runs.</summary>
    private static DirectoryInfo PrepareOutput(DirectoryInfo folder)
    {
        try
        {
            folder.Create();
            var probe = Path.Combine(folder.FullName, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write to the output folder '{folder.FullName}' ({e.Message}); choose another --output.", e);
        }
    }
}
