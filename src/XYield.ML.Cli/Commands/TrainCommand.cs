using System.CommandLine;
using System.Globalization;
using XYield.ML.Cli.Workflows;
using XYield.ML.Methods;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>xyield train</c>: trains one method on a few-shot split of the experimental set, on all of it, and/or on the user's
/// own measurements; prints the test metric when a test part is held out, and saves the model. Pre-trained networks
/// come from the benchmark's cache (<c>--cache</c>, <c>--no-cache</c>, <c>--pretrain-seed</c>).
/// </summary>
internal static class TrainCommand
{
    // The benchmark's bound: the simulated sample is held in memory, so 2,000,000,000 must be refused before it is drawn.
    private const int MaxSimulated = XYield.ML.Benchmark.BenchmarkProfile.MaxSimulatedCount;
    private const int DefaultSourceRounds = 2;
    private const int DefaultTransferRounds = 1;
    private const string AllSplit = "all";
    private const string TransferAndForest = XYield.ML.Benchmark.BenchmarkMethods.TransferAndForest;

    public static Command Create()
    {
        var method = new Option<string>("--method")
        {
            Description = $"{TransferAndForest}: RECOMMENDED for regression, pt averaged with a random forest on the fractions, T and the Maresca–Curtin estimate, its standard deviation calibrated by K-fold CV over whole alloys (--folds, default 5); " +
                string.Join("; ", YieldCnnMethod.All.Select(m => $"{m.Name}: {m.Summary}")) + ".",
            DefaultValueFactory = _ => "pt",
        };
        method.AcceptOnlyFromAmong([TransferAndForest, .. YieldCnnMethod.All.Select(m => m.Name)]);
        // Numbers are string options read by OptionValues: invariant culture under any LANG, and one-line errors naming the range.
        var sourceRounds = new Option<string?>("--source-rounds") { Description = $"IMP rounds N_s during pre-training (handtune, pretrain-sparse); 0 or more (default {DefaultSourceRounds})." };
        var transferRounds = new Option<string?>("--transfer-rounds") { Description = $"IMP rounds N_t during fine-tuning (handtune, transfer-sparse); 0 or more (default {DefaultTransferRounds})." };
        var searchRounds = new Option<bool>("--search-rounds")
        {
            Description = "handtune: choose N_s and N_t by K-fold cross-validation on the training part (grouped by composition), print the table, then train with the best pair. Each candidate N_s is pre-trained in the run (the cache is not used).",
        };
        var nsCandidates = new Option<string?>("--ns") { Description = "With --search-rounds: candidate N_s values, comma-separated (default 0,1,2,3)." };
        var ntCandidates = new Option<string?>("--nt") { Description = "With --search-rounds: candidate N_t values, comma-separated (default 0,1,2,3)." };
        var folds = new Option<string?>("--folds") { Description = $"With --search-rounds, --search, --cv-epoch, --calibrate or --method {TransferAndForest}: cross-validation folds K, at least 2 (default 5)." };
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "With --ensemble K (regression): scale the ensemble's standard deviation by K-fold cross-validation on the training part (the same ensemble on each fold, grouped by composition), so ±1.96 sd aims at 95 % coverage. About --folds + 1 times the ensemble's cost.",
        };
        var cvEpoch = new Option<bool>("--cv-epoch")
        {
            Description = "Choose the epoch of the last stage on the experimental data (the fine-tuning; Mix Training's one stage; the last IMP round of transfer-sparse and handtune) by K-fold cross-validation on the training part (grouped by composition; each fold trains the full schedule), then train on the whole training part and stop there. About K + 1 times the training cost.",
        };
        var search = new Option<bool>("--search")
        {
            Description = "birpt: choose the shrink budget (and, with --lower-rates, λ_l) by K-fold cross-validation on the training part (grouped by composition), print the table, then train with the best on the whole training part.",
        };
        var searchCandidates = new BiRptSearchCandidateOptions();
        var ensemble = new Option<string?>("--ensemble") { Description = "Train K networks (seeds s … s + K − 1, one pre-training) and average them; the model then predicts a mean and a standard deviation. 1 to 64 (default 1)." };
        var task = new Option<string>("--task") { Description = "regression (GPa) or classification (five YS classes).", DefaultValueFactory = _ => "regression" };
        task.AcceptOnlyFromAmong("regression", "classification");
        var split = new Option<string>("--split")
        {
            Description = "The experimental set's part to train on: 5 or 10 (few-shot percentage; the rest is the test set), or all (every point, no test set: the model to deploy). Default 10; with --train-data alone, all.",
            DefaultValueFactory = _ => "10",
        };
        split.AcceptOnlyFromAmong("5", "10", AllSplit);
        var trainData = new Option<string?>("--train-data")
        {
            Description = "Your own measurements, a CSV with Formula, Temperature_K or Temperature_C, and YS_GPa or YS_MPa columns. Alone: the model trains on these points only (no test set); with --with-experimental they are added to the training part of --split.",
        };
        var withExperimental = new Option<bool>("--with-experimental") { Description = "With --train-data: add your points to the experimental set's training part (--split all: every experimental point; 5 or 10: the few-shot part, tested on the rest)." };
        var seed = new Option<string?>("--seed") { Description = "Seed of the split and of training on the target data; ≥ 0 (default 0). The simulated draw and pre-training use --pretrain-seed, as in the benchmark." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to save the trained model (.zip)." };
        var quick = new Option<bool>("--quick") { Description = "A smoke test of a minute or two: 4,000 simulated points, 2 pre-training and 30 fine-tuning epochs." };
        var simulated = new Option<string?>("--simulated") { Description = $"Override: number of simulated points for pt/mix, 16 to {MaxSimulated:N0} (profile default: 100,000; --quick 4,000)." };
        var pretrainEpochs = new Option<string?>("--pretrain-epochs") { Description = "Override: pre-training (and mix-training) epochs, at least 1 (profile default: 10; --quick 2)." };
        var finetuneEpochs = new Option<string?>("--finetune-epochs") { Description = "Override: epochs on the target data, at least 1 (profile default: 90; --quick 30)." };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        var gamma = new Option<string?>("--birpt-gamma") { Description = "Bi-RPT's γ, the weight of the sparsity penalty (default 1e-4); ≥ 0." };
        var maskRate = new Option<string?>("--birpt-mask-lr") { Description = "Bi-RPT's λ_m, the learning rate of the mask scores (default 3.5); > 0." };
        var lowerInterval = new Option<string?>("--birpt-lower-interval") { Description = "Run Bi-RPT's lower level (and Eq. 10's term) every k upper steps (default 10, the authors' code; the paper's 1 is about nine times slower)." };
        var budget = new Option<string?>("--birpt-budget") { Description = "Bi-RPT's shrink budget, a sparsity control independent of the run's length (replaces γ; 1 zeroes a score no gradient holds up by the last step); ≥ 0." };
        var gated = new Option<string?>("--birpt-gated") { Description = "Which layers Bi-RPT gates: convolutions (default, the authors' code) or all (the paper's; about three times slower)." };
        var target = new Option<string?>("--birpt-target") { Description = "Bi-RPT: the fraction of the gated weights to remove, reached gradually over the first third of the run; which ones comes from the learned masks. 0 to below 1, or none (default 0.2)." };
        var ranking = new Option<string?>("--birpt-ranking") { Description = "Bi-RPT's target sparsity: rank the weights to remove by the gated weight |W·g(m_s)·g(m_t)| (weights, default) or by the learned scores |m_s·m_t| alone (scores)." };
        var data = CommonOptions.Data();
        var command = new Command("train", "Train a yield-strength CNN on the X-Yield experimental set (a few-shot split or all of it) and/or your own measurements; report the test metric when a test part is held out. Pre-trained networks are cached as in the benchmark.")
        {
            method, task, split, trainData, withExperimental, seed, output, quick, simulated, pretrainEpochs, finetuneEpochs, device, data, sourceRounds, transferRounds,
            searchRounds, nsCandidates, ntCandidates, folds, search, gamma, maskRate, lowerInterval, budget, gated, target, ranking, ensemble, cvEpoch, calibrate,
        };
        var pretraining = new PretrainingCacheOptions();
        pretraining.AddTo(command);
        searchCandidates.AddTo(command);
        // Task.Run: System.CommandLine handles Ctrl+C (cancels the token, waits for the action) only once the action
        // has returned its task, so work done synchronously inside it would be killed by SIGINT without cleaning up.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var withForest = parse.GetValue(method) == TransferAndForest;
            var m = withForest ? YieldCnnMethod.PretrainAndTransfer : YieldCnnMethod.FromName(parse.GetValue(method)!);
            var t = parse.GetValue(task) == "classification" ? YieldTask.Classification : YieldTask.Regression;
            if (withForest && t != YieldTask.Regression)
            {
                throw new ArgumentException($"--method {TransferAndForest} predicts yield strengths: use it with --task regression (for classes, bin its prediction or train pt with --task classification).");
            }

            if (withForest && (parse.GetValue(cvEpoch) || parse.GetValue(calibrate)))
            {
                throw new ArgumentException($"--method {TransferAndForest} always calibrates its standard deviation (set the folds with --folds) and trains the whole fine-tuning stage: drop --cv-epoch and --calibrate.");
            }

            var profile = parse.GetValue(quick) ? (Func<YieldCnnMethod, YieldTask, int?, int, string?, string, TrainSettings>)TrainSettings.Quick : TrainSettings.Paper;
            int? Whole(Option<string?> option, int minimum, int maximum, string meaning) =>
                OptionValues.WholeNumber(option.Name, parse.GetValue(option), minimum, maximum, meaning);
            var ownData = parse.GetValue(trainData);
            var addExperimental = parse.GetValue(withExperimental);
            var splitText = parse.GetValue(split)!;
            // --train-data alone has no experimental set to split: the implicit default then means all (an explicit 5 or 10 is refused by Validate).
            int? splitPercent = splitText == AllSplit || (ownData is not null && !addExperimental && parse.GetResult(split) is not { Implicit: false })
                ? null
                : int.Parse(splitText, NumberStyles.None, CultureInfo.InvariantCulture);
            var settings = profile(m, t, splitPercent, Whole(seed, 0, int.MaxValue, "seed") ?? 0, parse.GetValue(data), parse.GetValue(device)!);
            var cache = pretraining.Read(parse);
            settings = settings with
            {
                TrainDataPath = ownData,
                WithExperimental = addExperimental,
                PretrainSeed = cache.Seed,
                Cache = cache.Store,
                SimulatedCount = Whole(simulated, 16, MaxSimulated, "simulated points (at least one pre-training batch of 16)") ?? settings.SimulatedCount,
                Pretraining = Whole(pretrainEpochs, 1, int.MaxValue, "pre-training epoch(s)") is { } pe ? settings.Pretraining with { MaxEpoch = pe } : settings.Pretraining,
                FineTuning = Whole(finetuneEpochs, 1, int.MaxValue, "fine-tuning epoch(s)") is { } fe ? settings.FineTuning with { MaxEpoch = fe } : settings.FineTuning,
                Sparsity = BiRptOverrides(
                    new SparsityOptions
                    {
                        PretrainingRounds = Whole(sourceRounds, 0, int.MaxValue, "IMP rounds") ?? DefaultSourceRounds,
                        TransferRounds = Whole(transferRounds, 0, int.MaxValue, "IMP rounds") ?? DefaultTransferRounds,
                    },
                    parse, gamma, maskRate, lowerInterval, budget, gated, target, ranking),
            };
            OptionValues.RequireFiniteProduct(gamma.Name, settings.Sparsity.Gamma, maskRate.Name, settings.Sparsity.MaskLearningRate);
            settings.Sparsity.Validate();
            settings.Validate();
            settings = settings with
            {
                RoundsSearch = RoundsSearchOptions(parse, m, searchRounds, nsCandidates, ntCandidates, folds, sourceRounds, transferRounds, search, cvEpoch),
                EpochSelection = EpochSelectionOptions(parse, cvEpoch, folds, search, searchRounds),
                BiRptSearch = BiRptSearchOptions(parse, m, search, searchCandidates, folds, budget),
                EnsembleSize = Whole(ensemble, 1, 64, "ensemble member(s)") ?? 1,
                WithForest = withForest,
            };
            if (withForest)
            {
                settings = settings with { SpreadCalibration = new SpreadCalibrationOptions { Folds = OptionValues.WholeNumber(folds.Name, parse.GetValue(folds), 2, int.MaxValue, "cross-validation folds") ?? 5 } };
            }

            if (settings.EnsembleSize > 1 && (settings.RoundsSearch is not null || settings.BiRptSearch is not null))
            {
                throw new ArgumentException("--ensemble cannot be combined with --search or --search-rounds: search once, then train the ensemble with the chosen coefficients.");
            }

            if (parse.GetValue(calibrate))
            {
                if (settings.EnsembleSize < 2 || t != YieldTask.Regression)
                {
                    throw new ArgumentException("--calibrate scales a regression ensemble's standard deviation: add --ensemble K (K ≥ 2) with --task regression.");
                }

                settings = settings with { SpreadCalibration = new SpreadCalibrationOptions { Folds = OptionValues.WholeNumber(folds.Name, parse.GetValue(folds), 2, int.MaxValue, "cross-validation folds") ?? 5 } };
            }
            var file = parse.GetValue(output);
            if (file is not null)
            {
                EnsureWritable(file);
            }

            Console.Error.WriteLine($"xyield train: {settings.Describe()}");
            var result = TrainWorkflow.Run(settings, new ConsoleProgress(), message => Console.Error.WriteLine(message), cancellation);
            if (result.RoundsSearch is { } table)
            {
                RoundsSearchTable.Write(table, settings.Sparsity.PruningRate);
            }

            if (result.BiRptSearch is { } coefficients)
            {
                BiRptSearchTable.Write(coefficients);
            }

            if (result.EpochSelection is { } epochs)
            {
                Console.Out.WriteLine(EpochSelectionLine(epochs));
            }

            if (result.SpreadCalibration is { } spread)
            {
                Console.Out.WriteLine(SpreadCalibrationLine(spread));
            }

            if (result.BlendCalibration is { } blend)
            {
                Console.Out.WriteLine(BlendCalibrationLine(blend));
            }

            Console.Out.WriteLine(Summary(result, settings));
            if (settings.IsSparse)
            {
                Console.Out.WriteLine("sparsity (fraction of prunable weights removed):");
                Console.Out.WriteLine(result.Sparsity.ToString());
            }

            if (file is not null)
            {
                new Microsoft.ML.MLContext().Model.SaveYieldModel(result.Model, result.InputSchema, file.FullName);
                Console.Out.WriteLine($"model saved to {file.FullName}");
            }

            return Task.FromResult(0);
        }, CancellationToken.None));
        return command;
    }

    /// <summary>
    /// The result line: the test metric with the sizes, or "trained on all N points (no test set)"; with --train-data,
    /// how many training points are the user's.
    /// </summary>
    internal static string Summary(TrainWorkflow.Result result, TrainSettings settings)
    {
        var inv = CultureInfo.InvariantCulture;
        // With both sources: "25 experimental + 12 from mine.csv".
        var parts = settings.TrainDataPath is { } own && settings.UsesExperimental
            ? string.Create(inv, $"{result.TrainCount - result.OwnCount} experimental + {result.OwnCount} from {own}")
            : null;
        if (result.TestMetric is { } metric)
        {
            var train = parts is null ? string.Create(inv, $"{result.TrainCount}") : string.Create(inv, $"{parts} = {result.TrainCount}");
            return string.Create(inv, $"{result.MetricName}: {metric:0.#####} ({train} train / {result.TestCount} test points)");
        }

        var detail = parts is not null ? $": {parts}" : settings.TrainDataPath is { } path ? $", all from {path}" : "";
        return string.Create(inv, $"trained on all {result.TrainCount} points (no test set){detail}");
    }

    private static SparsityOptions BiRptOverrides(
        SparsityOptions sparsity, ParseResult parse, Option<string?> gamma, Option<string?> maskRate, Option<string?> lowerInterval, Option<string?> budget, Option<string?> gated,
        Option<string?> target, Option<string?> ranking)
    {
        var fraction = parse.GetValue(target) is { } text ? BenchmarkCommand.TargetFraction(target.Name, text) : sparsity.TargetJointSparsity;
        return sparsity with
        {
            TargetJointSparsity = fraction,
            TargetSparsityRanking = BenchmarkCommand.RankingOfTarget(ranking.Name, parse.GetValue(ranking), fraction, target.Name) ?? sparsity.TargetSparsityRanking,
            ShrinkBudget = OptionValues.Number(budget.Name, parse.GetValue(budget), allowZero: true, "shrink budget") ?? sparsity.ShrinkBudget,
            GatedLayers = parse.GetValue(gated) is { } layers ? BenchmarkCommand.GatedLayers(gated.Name, layers) : sparsity.GatedLayers,
            Gamma = OptionValues.Number(gamma.Name, parse.GetValue(gamma), allowZero: true, "weight of Bi-RPT's sparsity penalty") ?? sparsity.Gamma,
            MaskLearningRate = OptionValues.Number(maskRate.Name, parse.GetValue(maskRate), allowZero: false, "learning rate of Bi-RPT's mask scores") ?? sparsity.MaskLearningRate,
            LowerLevelInterval = OptionValues.WholeNumber(lowerInterval.Name, parse.GetValue(lowerInterval), 1, int.MaxValue, "upper steps between Bi-RPT's lower-level steps") ?? sparsity.LowerLevelInterval,
        };
    }

    // --search-rounds and its lists: handtune only, and the fixed rounds cannot be given at the same time (one line on misuse).
    private static PruningRoundsSearchOptions? RoundsSearchOptions(
        ParseResult parse, YieldCnnMethod method, Option<bool> search, Option<string?> ns, Option<string?> nt, Option<string?> folds, Option<string?> sourceRounds, Option<string?> transferRounds,
        Option<bool> coefficientSearch, Option<bool> cvEpoch)
    {
        if (!parse.GetValue(search))
        {
            if (parse.GetValue(ns) is not null || parse.GetValue(nt) is not null || (parse.GetValue(folds) is not null && !parse.GetValue(coefficientSearch) && !parse.GetValue(cvEpoch) && !parse.GetValue<bool>("--calibrate") && parse.GetValue<string>("--method") != TransferAndForest))
            {
                throw new ArgumentException($"--ns, --nt and --folds set up the rounds search: add --search-rounds (with --method handtune); --folds also goes with --search (birpt), --cv-epoch, --calibrate and --method {TransferAndForest}.");
            }

            return null;
        }

        if (method != YieldCnnMethod.HandTune)
        {
            throw new ArgumentException($"--search-rounds chooses Hand-Tune's N_s and N_t: use it with --method handtune, not {parse.GetValue<string>("--method")}.");
        }

        if (parse.GetResult(sourceRounds) is { Implicit: false } || parse.GetResult(transferRounds) is { Implicit: false })
        {
            throw new ArgumentException("--search-rounds chooses N_s and N_t itself: drop --source-rounds/--transfer-rounds, or give candidates with --ns/--nt.");
        }

        var defaults = new PruningRoundsSearchOptions();
        return defaults with
        {
            PretrainingRoundCandidates = Rounds(parse.GetValue(ns), "--ns") ?? defaults.PretrainingRoundCandidates,
            TransferRoundCandidates = Rounds(parse.GetValue(nt), "--nt") ?? defaults.TransferRoundCandidates,
            Folds = OptionValues.WholeNumber(folds.Name, parse.GetValue(folds), 2, int.MaxValue, "cross-validation folds") ?? defaults.Folds,
        };
    }

    // --cv-epoch: any method; not with --search or --search-rounds (choose the coefficients or rounds first).
    private static EpochSelectionOptions? EpochSelectionOptions(ParseResult parse, Option<bool> cvEpoch, Option<string?> folds, Option<bool> search, Option<bool> searchRounds)
    {
        if (!parse.GetValue(cvEpoch))
        {
            return null;
        }

        if (parse.GetValue(search))
        {
            throw new ArgumentException("--cv-epoch cannot be combined with --search: choose the shrink budget first, then the epoch with --birpt-budget and --cv-epoch.");
        }

        if (parse.GetValue(searchRounds))
        {
            throw new ArgumentException("--cv-epoch cannot be combined with --search-rounds: choose the rounds first, then the epoch with --source-rounds, --transfer-rounds and --cv-epoch.");
        }

        var defaults = new EpochSelectionOptions();
        return defaults with { Folds = OptionValues.WholeNumber(folds.Name, parse.GetValue(folds), 2, int.MaxValue, "cross-validation folds") ?? defaults.Folds };
    }

    /// <summary>"fine-tuning epoch chosen by 5-fold CV on the training part: 37 of 90 (mean CV MSE (GPa²) 0.081; after the last epoch 0.085)".</summary>
    internal static string EpochSelectionLine(EpochSelectionResult epochs) => string.Create(CultureInfo.InvariantCulture,
        $"{epochs.Stage} epoch chosen by {epochs.ValidationRows.Count}-fold CV on the training part: {epochs.ChosenEpoch} of {epochs.MaxEpoch} (mean CV {epochs.MetricName} {epochs.ChosenMean:0.#####}; after the last epoch {epochs.FinalMean:0.#####}); trained on the whole training part and stopped there.");

    /// <summary>"standard deviation scaled by 2.31 (5-fold CV on the training part: 41 % of held points were within ±1 raw sd, nominal 68 %)".</summary>
    internal static string SpreadCalibrationLine(SpreadCalibrationResult spread) => string.Create(CultureInfo.InvariantCulture,
        $"standard deviation scaled by {spread.Scale:0.###} ({spread.ValidationRows.Count}-fold CV on the training part: {spread.RawCoverage68:P0} of held points were within ±1 raw sd, nominal 68 %).");

    /// <summary>"standard deviation √(0.21² + (1.8·r)²) GPa, r the CNN–forest disagreement (5-fold CV by alloy on the training part: 70 % of held points within ±1 sd)".</summary>
    internal static string BlendCalibrationLine(XYield.ML.Estimators.TransferAndForestCalibration blend) => string.Create(CultureInfo.InvariantCulture,
        $"standard deviation √({blend.Floor:0.###}² + ({blend.Scale:0.###}·r)²) GPa, r the CNN–forest disagreement ({blend.ValidationRows.Count}-fold CV by alloy on the training part: {blend.Coverage68:P0} of held points within ±1 sd, nominal 68 %).");

    // --search and its candidates (--budgets, --lower-rates): birpt only (one line on misuse).
    private static BiRptSearchOptions? BiRptSearchOptions(
        ParseResult parse, YieldCnnMethod method, Option<bool> search, BiRptSearchCandidateOptions candidates, Option<string?> folds, Option<string?> budget)
    {
        var defaults = new BiRptSearchOptions();
        if (parse.GetValue(search) && method != YieldCnnMethod.BiRpt)
        {
            throw new ArgumentException($"--search chooses Bi-RPT's shrink budget: use it with --method birpt, not {method.Name} (Hand-Tune's rounds: --search-rounds).");
        }

        return candidates.Read(parse, parse.GetValue(search), defaults.ShrinkBudgetCandidates, fixedBudget: parse.GetValue(budget) is not null) is { } choice
            ? defaults with
            {
                ShrinkBudgetCandidates = choice.Budgets,
                LowerLearningRateCandidates = choice.LowerRates,
                Folds = OptionValues.WholeNumber(folds.Name, parse.GetValue(folds), 2, int.MaxValue, "cross-validation folds") ?? defaults.Folds,
            }
            : null;
    }

    private static int[]? Rounds(string? list, string option)
    {
        if (list is null)
        {
            return null;
        }

        var parts = list.Split(',', StringSplitOptions.TrimEntries);
        var rounds = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out rounds[i]))
            {
                throw new ArgumentException($"{option} must be distinct whole numbers ≥ 0 separated by commas, e.g. 0,1,2,3; got '{list}'.");
            }
        }

        if (rounds.Distinct().Count() != rounds.Length)
        {
            throw new ArgumentException($"{option} lists a value more than once: '{list}'; expected distinct round counts.");
        }

        return rounds;
    }

    private static void EnsureWritable(FileInfo file)
    {
        var folder = file.Directory ?? new DirectoryInfo(".");
        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"The folder '{folder.FullName}' for --output does not exist; create it or choose another path.");
        }

        // Fail now rather than after an hour of training, without creating or touching the file: an interrupted run must
        // leave no empty model behind and the previous one as it was (the model is written to a temporary file and renamed).
        if (file.Exists)
        {
            using (File.Open(file.FullName, FileMode.Open, FileAccess.Write))
            {
            }
        }

        var probe = Path.Combine(folder.FullName, $".xyield-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
    }

    /// <summary>One line per epoch on standard error.</summary>
    private sealed class ConsoleProgress : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == value.StepsPerEpoch)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {value.Stage} epoch {value.Epoch}/{value.MaxEpoch}: loss {value.Loss:0.#####}, {value.SamplesPerSecond:N0} samples/s, {value.EstimatedRemaining:hh\\:mm\\:ss} left"));
            }
        }
    }
}
