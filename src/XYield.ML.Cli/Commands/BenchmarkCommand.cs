using System.CommandLine;
using Spectre.Console;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Report;
using XYield.ML.Cli.Live;
using XYield.ML.Data.Experimental;
using XYield.ML.Training;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>xyield benchmark</c>: runs methods × tasks × splits × seeds, appending each completed run to results.json in the
/// output folder (a rerun resumes), then writes report.md with the paper's tables and figures.
/// </summary>
internal static class BenchmarkCommand
{
    private const int MaxSimulated = BenchmarkProfile.MaxSimulatedCount;

    // Each seed is a row of every table; far beyond the paper's few seeds, a typo (2147483647) must not allocate the plan.
    private const int MaxSeeds = 1000;

    public static Command Create()
    {
        var paper = BenchmarkProfile.Paper;
        var quickProfile = BenchmarkProfile.Quick;
        var splits = new Option<string?>("--splits") { Description = $"Comma-separated splits: few-shot percentages (5, 10) and/or cv (10-fold cross-validation). Default {paper.Splits}, or {quickProfile.Splits} with --quick." };
        var seeds = new Option<string?>("--seeds") { Description = $"Number of seeds R (seeds 0 … R−1), 1 to {MaxSeeds:N0}; default {paper.Seeds}, or {quickProfile.Seeds} with --quick." };
        var methods = new Option<string>("--methods") { Description = $"Comma-separated methods: {string.Join(", ", BenchmarkMethods.Names)}; 'baselines' or 'all'; 'list' prints what each one is.", DefaultValueFactory = _ => "all" };
        var tasks = new Option<string>("--tasks") { Description = "Comma-separated tasks: regression, classification.", DefaultValueFactory = _ => "regression,classification" };
        var quick = new Option<bool>("--quick") { Description = $"The quick profile, minutes on two cores: {quickProfile.Seeds} seeds, splits {quickProfile.Splits}, CNN methods with {quickProfile.DescribeCnn()}." };
        var paperFlag = new Option<bool>("--paper") { Description = $"The paper's profile (the default): {paper.Seeds} seeds, splits {paper.Splits}, CNN methods with {paper.DescribeCnn()}." };
        var simulated = new Option<string?>("--simulated") { Description = $"Override the profile: simulated points for pre-training and Mix Training (16 to {MaxSimulated:N0})." };
        var pretrainEpochs = new Option<string?>("--pretrain-epochs") { Description = "Override the profile: pre-training epochs (also Mix Training's and each pre-training IMP round's)." };
        var finetuneEpochs = new Option<string?>("--finetune-epochs") { Description = "Override the profile: fine-tuning epochs (also No Pretraining's, Bi-RPT's and each transfer IMP round's); the learning rate drops ÷10 every ⌈epochs/3⌉." };
        var ns = new Option<string?>("--ns") { Description = "Override the profile: IMP rounds N_s during pre-training (pretrain-sparse, handtune); 0 or more." };
        var nt = new Option<string?>("--nt") { Description = "Override the profile: IMP rounds N_t during fine-tuning (transfer-sparse, handtune); 0 or more." };
        var gamma = new Option<string?>("--birpt-gamma") { Description = "Override: Bi-RPT's γ, the weight of the sparsity penalty (default 1e-4, the paper's); ≥ 0." };
        var maskRate = new Option<string?>("--birpt-mask-lr") { Description = "Override: Bi-RPT's λ_m, the learning rate of the mask scores (default 3.5); > 0." };
        var lowerInterval = new Option<string?>("--birpt-lower-interval") { Description = "Override: run Bi-RPT's lower level (and Eq. 10's term) every k upper steps (default 10, the authors' code; the paper's 1 is about nine times slower)." };
        var budget = new Option<string?>("--birpt-budget") { Description = "Override: Bi-RPT's shrink budget, a sparsity control independent of the run's length (replaces γ; 1 zeroes a score no gradient holds up by the last step); ≥ 0." };
        var gated = new Option<string?>("--birpt-gated") { Description = "Override: which layers Bi-RPT gates: convolutions (default, the authors' code) or all (the paper's; about three times slower)." };
        var target = new Option<string?>("--birpt-target") { Description = "Override: Bi-RPT removes this fraction of the gated weights, reached gradually over the first third of the run; which ones comes from the learned masks. 0 to below 1, or none (default 0.2; none resumes folders made before the target existed)." };
        var ranking = new Option<string?>("--birpt-ranking") { Description = "Bi-RPT's target sparsity: rank the weights to remove by the gated weight |W·g(m_s)·g(m_t)| (weights, default) or by the learned scores |m_s·m_t| alone (scores)." };
        var search = new Option<bool>("--search") { Description = "Bi-RPT: choose the shrink budget (--budgets) and λ_l (--lower-rates) on every training part by 5-fold cross-validation (folds hold whole compositions); the table goes into the report. About 5 × candidates times Bi-RPT's cost." };
        var searchCandidates = new BiRptSearchCandidateOptions();
        var protocol = new Option<string>("--protocol") { Description = $"{EvaluationProtocols.FinalEpoch} (default, honest: score the last epoch) or {EvaluationProtocols.BestTestEpoch} (the paper's: best epoch on the test set; optimistic, labelled as such).", DefaultValueFactory = _ => EvaluationProtocols.FinalEpoch };
        var outputOption = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for results.json, results.csv, config.json, report.md and figures; an existing results.json made with the same settings is resumed.", DefaultValueFactory = _ => new DirectoryInfo("benchmark-results") };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N (CNN methods).", DefaultValueFactory = _ => "auto" };
        var shard = new Option<string?>(ShardOption.Name) { Description = ShardOption.Description };
        var data = CommonOptions.Data();
        var pretraining = new PretrainingCacheOptions();
        var command = new Command("benchmark", "Run the X-Yield benchmark (baselines and CNN methods) and write a report with the paper's tables.")
        {
            splits, seeds, methods, tasks, quick, paperFlag, simulated, pretrainEpochs, finetuneEpochs, ns, nt, gamma, maskRate, lowerInterval, budget, gated, target, ranking, search, protocol, outputOption, device, shard, data,
            BenchmarkMergeCommand.Create(),
        };
        pretraining.AddTo(command);
        searchCandidates.AddTo(command);
        // On a worker thread: System.CommandLine registers its Ctrl+C handler (which cancels the token instead of killing
        // the process) only once the action has returned its task, so a synchronous action could not be interrupted cleanly.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            if (string.Equals(parse.GetValue(methods)?.Trim(), "list", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var (name, displayName, summary) in BenchmarkMethods.Describe())
                {
                    Console.Out.WriteLine($"{name,-16} {displayName,-30} {summary}");
                }

                return 0;
            }

            if (parse.GetValue(quick) && parse.GetValue(paperFlag))
            {
                throw new ArgumentException("--quick and --paper choose different profiles: give one of them (none means --paper), and override single settings with --seeds, --splits, --simulated, --pretrain-epochs, --finetune-epochs, --ns, --nt or the --birpt-* options.");
            }

            var profile = parse.GetValue(quick) ? quickProfile : paper;
            var overridden = new List<string>();
            int Override(Option<string?> option, int current, int minimum, int maximum, string meaning)
            {
                var value = OptionValues.WholeNumber(option.Name, parse.GetValue(option), minimum, maximum, meaning);
                if (value is null)
                {
                    return current;
                }

                overridden.Add(option.Name);
                return value.Value;
            }

            double OverrideNumber(Option<string?> option, double current, bool allowZero, string meaning)
            {
                var value = OptionValues.Number(option.Name, parse.GetValue(option), allowZero, meaning);
                if (value is null)
                {
                    return current;
                }

                overridden.Add(option.Name);
                return value.Value;
            }

            profile = profile with
            {
                Seeds = Override(seeds, profile.Seeds, 1, MaxSeeds, "seed(s)"),
                SimulatedCount = Override(simulated, profile.SimulatedCount, 16, MaxSimulated, "simulated points (at least one pre-training batch of 16)"),
                PretrainingEpochs = Override(pretrainEpochs, profile.PretrainingEpochs, 1, int.MaxValue, "pre-training epoch(s)"),
                FineTuningEpochs = Override(finetuneEpochs, profile.FineTuningEpochs, 1, int.MaxValue, "fine-tuning epoch(s)"),
                PretrainingRounds = Override(ns, profile.PretrainingRounds, 0, int.MaxValue, "IMP rounds"),
                TransferRounds = Override(nt, profile.TransferRounds, 0, int.MaxValue, "IMP rounds"),
                BiRptGamma = OverrideNumber(gamma, profile.BiRptGamma, allowZero: true, "weight of Bi-RPT's sparsity penalty"),
                BiRptMaskLearningRate = OverrideNumber(maskRate, profile.BiRptMaskLearningRate, allowZero: false, "learning rate of Bi-RPT's mask scores"),
                BiRptLowerLevelInterval = Override(lowerInterval, profile.BiRptLowerLevelInterval, 1, int.MaxValue, "upper steps between Bi-RPT's lower-level steps"),
            };
            OptionValues.RequireFiniteProduct(gamma.Name, profile.BiRptGamma, maskRate.Name, profile.BiRptMaskLearningRate);
            if (parse.GetValue(budget) is { } budgetText)
            {
                profile = profile with { BiRptShrinkBudget = OptionValues.Number(budget.Name, budgetText, allowZero: true, "shrink budget") };
                overridden.Add(budget.Name);
            }

            if (parse.GetValue(gated) is { } gatedText)
            {
                profile = profile with { BiRptGatedLayers = GatedLayers(gated.Name, gatedText) };
                overridden.Add(gated.Name);
            }

            if (parse.GetValue(target) is { } targetText)
            {
                profile = profile with { BiRptTargetJointSparsity = TargetFraction(target.Name, targetText) };
                overridden.Add(target.Name);
            }

            if (RankingOfTarget(ranking.Name, parse.GetValue(ranking), profile.BiRptTargetJointSparsity, target.Name) is { } order)
            {
                profile = profile with { BiRptTargetRanking = order };
                overridden.Add(ranking.Name);
            }

            if (searchCandidates.Read(parse, parse.GetValue(search), profile.BiRptSearchBudgets, fixedBudget: profile.BiRptShrinkBudget is not null) is { } choice)
            {
                profile = profile with { BiRptSearch = true, BiRptSearchBudgets = choice.Budgets, BiRptSearchLowerRates = choice.LowerRates };
                overridden.Add(search.Name);
                overridden.AddRange(choice.Given);
            }

            if (parse.GetValue(splits) is { } splitText)
            {
                profile = profile with { Splits = splitText };
                overridden.Add(splits.Name);
            }

            var cache = pretraining.Read(parse);
            var plan = new BenchmarkPlan(new BenchmarkOptions
            {
                Methods = BenchmarkMethods.ParseList(parse.GetValue(methods)!),
                Tasks = BenchmarkTasks.ParseList(parse.GetValue(tasks)!),
                Profile = profile,
                Protocol = EvaluationProtocols.Parse(parse.GetValue(protocol)!),
                Device = parse.GetValue(device)!,
                PretrainSeed = cache.Seed,
                Overridden = overridden,
            });
            var output = parse.GetValue(outputOption)!;
            if (ShardOption.Parse(parse.GetValue(shard), Environment.GetEnvironmentVariable) is { } part)
            {
                // Every shard of a Job or array gets the same --output: each writes a folder of its own inside it.
                plan = plan.Shard(part.Index, part.Count);
                output = new DirectoryInfo(Path.Combine(output.FullName, ShardOption.FolderName(part.Index, part.Count)));
            }

            var folder = PrepareOutput(output);
            var runner = new BenchmarkRunner(new BenchmarkRunnerOptions
            {
                OutputFolder = folder.FullName,
                Data = ExperimentalDataSet.Load(parse.GetValue(data)),
                PretrainedStore = cache.Store,
                Log = Console.Error.WriteLine,
            });
            Run(plan, runner, folder, cancellation);
            return 0;
        }, CancellationToken.None));
        return command;
    }

    private static void Run(BenchmarkPlan plan, BenchmarkRunner runner, DirectoryInfo folder, CancellationToken cancellation)
    {
        var results = Path.Combine(folder.FullName, ResultStore.FileName);
        var todo = runner.Pending(plan);
        var resumed = plan.Runs.Count - todo.Count;
        var progress = ProgressConsole();
        var shard = plan.ShardCount is { } count ? $" in shard {plan.ShardIndex + 1}/{count}" : "";
        progress.MarkupLine(Markup.Escape($"xyield benchmark: {plan.Runs.Count} runs{shard} ({resumed} already in {results}), output {folder.FullName}"));
        progress.MarkupLine(Markup.Escape($"profile {plan.Profile.Name}{(plan.Overridden.Count > 0 ? $" (overridden: {string.Join(", ", plan.Overridden)})" : "")}: {plan.Seeds.Count} seed(s), splits {string.Join(",", plan.Splits.Select(s => s.Name))}; CNN methods: {plan.Profile.DescribeCnn()}"));
        progress.MarkupLine(plan.Protocol == EvaluationProtocol.BestTestEpoch
            ? $"[yellow]Warning: {Markup.Escape(EvaluationProtocols.Warning)}[/]"
            : Markup.Escape("protocol " + EvaluationProtocols.FinalEpochDescription));
        IBenchmarkView view = progress.Profile.Capabilities.Interactive && !Console.IsErrorRedirected
            ? new LiveBenchmarkView(progress)
            : new PlainBenchmarkView(Console.Error);
        BenchmarkResults? completed = null;
        try
        {
            view.Show(todo, resumed, reporter => completed = runner.Run(plan, reporter, cancellation));
        }
        catch (OperationCanceledException)
        {
            var kept = File.Exists(results) ? BenchmarkResults.Load(folder.FullName).Runs.Count : 0;
            Console.Error.WriteLine($"interrupted: the {kept} completed runs are kept in {results} and the report covers them; rerun the same command to resume.");
            throw;
        }

        ConsoleTables.Print(AnsiConsole.Console, completed!.Runs, completed.Config, BenchmarkMethods.DisplayName);
        Console.Out.WriteLine($"report written to {Path.Combine(folder.FullName, ReportWriter.ReportFile)}");
    }

    // Progress goes to standard error, so the tables on standard output can be redirected on their own.
    private static IAnsiConsole ProgressConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            // As Program does for standard output: logs want whole lines, not 80-column wrapping.
            console.Profile.Width = 1000;
        }

        return console;
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

    /// <summary>A fraction in [0, 1), invariant culture, or "none" (no target); anything else is a one-line error naming the option.</summary>
    internal static double? TargetFraction(string option, string text)
    {
        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var fraction = OptionValues.Number(option, text, allowZero: true, "fraction of the gated weights to remove", "0.2 (or none)")!.Value;
        return fraction < 1 ? fraction : throw new ArgumentException($"{option} must be below 1, the fraction of the gated weights to remove (got '{text}').");
    }

    /// <summary>
    /// The ranking <paramref name="text"/> names for a run with <paramref name="target"/>; null when none is given. A ranking
    /// without a target (--birpt-target none) is a one-line error.
    /// </summary>
    internal static TargetSparsityRanking? RankingOfTarget(string option, string? text, double? target, string targetOption) =>
        text is null ? null
        : target is null ? throw new ArgumentException($"{option} ranks the weights {targetOption} removes: it has no use with {targetOption} none.")
        : Ranking(option, text);

    /// <summary>"weights" or "scores" (case-insensitive); anything else is a one-line error naming the option.</summary>
    internal static TargetSparsityRanking Ranking(string option, string text) =>
        BenchmarkProfile.RankingNames.TryGetValue(text.Trim(), out var ranking)
            ? ranking
            : throw new ArgumentException($"{option} '{text}' is not a choice: expected {string.Join(" or ", BenchmarkProfile.RankingNames.Keys)}.");

    /// <summary>"all" or "convolutions" (case-insensitive); anything else is a one-line error naming the option.</summary>
    internal static BiRptGatedLayers GatedLayers(string option, string text) => text.Trim().ToLowerInvariant() switch
    {
        "all" => BiRptGatedLayers.All,
        "convolutions" => BiRptGatedLayers.Convolutions,
        _ => throw new ArgumentException($"{option} '{text}' is not a choice: expected all or convolutions."),
    };
}
