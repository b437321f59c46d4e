using System.Globalization;
using XYield.ML.Methods;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Storage;
using XYield.ML.Training;

namespace XYield.ML.Cli.Workflows;

/// <summary>What <c>xyield train</c> trains: method, task, data (split), seed and the sizes a profile picks.</summary>
/// <param name="SplitPercent">The few-shot training percentage of the experimental set (5 or 10); null trains on every point, with no test set.</param>
internal sealed record TrainSettings(
    YieldCnnMethod Method,
    YieldTask Task,
    int? SplitPercent,
    int Seed,
    int SimulatedCount,
    StageOptions Pretraining,
    StageOptions FineTuning,
    string? DataPath,
    string Device)
{
    /// <summary>IMP rounds and Bi-RPT coefficients for the sparse methods. Default: <see cref="SparsityOptions"/>'s (N_s = 2, N_t = 1).</summary>
    public SparsityOptions Sparsity { get; init; } = new();

    /// <summary>Hand-Tune only: choose N_s and N_t by cross-validation on the training part (then <see cref="Sparsity"/>'s rounds are ignored).</summary>
    public PruningRoundsSearchOptions? RoundsSearch { get; init; }

    /// <summary>Bi-RPT only: choose the shrink budget by cross-validation on the training part (then <see cref="Sparsity"/>'s budget is ignored).</summary>
    public Methods.BiRpt.BiRptSearchOptions? BiRptSearch { get; init; }

    /// <summary>Choose the epoch of the last stage on the experimental data by cross-validation on the training part (<see cref="Estimators.YieldCnnTrainerOptions.EpochSelection"/>); null trains every epoch.</summary>
    public Training.CrossValidation.EpochSelectionOptions? EpochSelection { get; init; }

    /// <summary>Scale an ensemble's spread by cross-validation on the training part (<see cref="Estimators.YieldCnnTrainerOptions.SpreadCalibration"/>); null keeps the raw spread.</summary>
    public Training.CrossValidation.SpreadCalibrationOptions? SpreadCalibration { get; init; }

    /// <summary>Networks trained and averaged (<see cref="Estimators.YieldCnnTrainerOptions.EnsembleSize"/>). Default: 1.</summary>
    public int EnsembleSize { get; init; } = 1;

    /// <summary>The recommended method (pt-forest+mc): <see cref="Method"/> (pretrain-and-transfer) averaged with a random forest, its spread calibrated by <see cref="SpreadCalibration"/>.</summary>
    public bool WithForest { get; init; }

    /// <summary>The user's measurements (a CSV <c>UserDataLoader</c> reads), trained on; null for none.</summary>
    public string? TrainDataPath { get; init; }

    /// <summary>With <see cref="TrainDataPath"/>: whether the experimental set (split by <see cref="SplitPercent"/>) is used too.</summary>
    public bool WithExperimental { get; init; }

    /// <summary>The seed of the simulated draw and of pre-training, as in the benchmark (not <see cref="Seed"/>).</summary>
    public int PretrainSeed { get; init; }

    /// <summary>Where pre-trained networks are kept between runs; null pre-trains in the run without storing.</summary>
    public PretrainedNetworkStore? Cache { get; init; }

    /// <summary>Whether the experimental set is part of the data (always, unless <see cref="TrainDataPath"/> is given alone).</summary>
    public bool UsesExperimental => TrainDataPath is null || WithExperimental;

    /// <summary>Whether a test part of the experimental set is held out and scored.</summary>
    public bool HasTestSet => UsesExperimental && SplitPercent is not null;

    /// <summary>Whether the method needs the simulated data (to pre-train on or to train beside the target data).</summary>
    public bool UsesSimulatedData => Method.Pretraining != PretrainingNeed.None || Method.UsesSourceData;

    /// <summary>Whether the method learns or prunes masks.</summary>
    public bool IsSparse => Method.IsSparse;

    /// <summary>The paper's settings: 100,000 simulated points, 10 pre-training and 90 fine-tuning epochs.</summary>
    public static TrainSettings Paper(YieldCnnMethod method, YieldTask task, int? split, int seed, string? data, string device) =>
        new(method, task, split, seed, 100_000, StageOptions.PaperPretraining, StageOptions.PaperFineTuning, data, device);

    /// <summary>A smoke test of a minute or two on a 2-core CPU: 4,000 simulated points, 2 pre-training and 30 fine-tuning epochs.</summary>
    public static TrainSettings Quick(YieldCnnMethod method, YieldTask task, int? split, int seed, string? data, string device) =>
        new(method, task, split, seed, 4_000,
            StageOptions.PaperPretraining with { MaxEpoch = 2 },
            StageOptions.PaperFineTuning with { MaxEpoch = 30, StepSize = 10 },
            data, device);

    /// <summary>Throws <see cref="ArgumentException"/> (one line, in the tool's option names) for data choices that contradict each other.</summary>
    public void Validate()
    {
        if (TrainDataPath is null && WithExperimental)
        {
            throw new ArgumentException("--with-experimental adds the experimental set to your --train-data file: give --train-data FILE.csv (without it the experimental set is used anyway).");
        }

        if (!UsesExperimental && SplitPercent is { } percent)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--split {percent}: a few-shot split applies to the experimental set, which --train-data alone does not use; add --with-experimental to train on its {percent}% part plus your points (tested on the rest), or drop --split."));
        }

        if (!UsesExperimental && DataPath is not null)
        {
            throw new ArgumentException($"--data '{DataPath}' names the experimental set, which --train-data alone does not use; add --with-experimental, or drop --data.");
        }
    }

    /// <summary>One line describing what runs, printed before training.</summary>
    public string Describe()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var own = TrainDataPath is null ? "" : $"the points of {TrainDataPath}";
        var data = !UsesExperimental ? $"{own}, no test set"
            : SplitPercent is { } percent ? string.Create(inv, $"{percent}% few-shot split") + (own.Length > 0 ? $" + {own} in the training part" : "")
            : "all experimental points" + (own.Length > 0 ? $" + {own}" : "") + ", no test set";
        var source = !UsesSimulatedData
            ? ""
            : string.Create(inv, $", {SimulatedCount:N0} simulated points, pre-training {Pretraining.MaxEpoch} epochs (batch {Pretraining.BatchSize}), pre-training seed {PretrainSeed}, ") +
                (Cache is null ? "no cache" : $"cache {Cache.Folder}");
        var method = WithForest ? $"{XYield.ML.Benchmark.BenchmarkMethods.TransferAndForest} ({Method} averaged with a random forest on fractions, T and the Maresca–Curtin estimate)" : $"{Method}";
        var ensemble = EnsembleSize > 1 ? string.Create(inv, $"ensemble of {EnsembleSize}") : null;
        var calibration = SpreadCalibration is { } c ? string.Create(inv, $"spread calibrated by {c.Folds}-fold CV") : null;
        var extras = string.Join(", ", new[] { ensemble, calibration }.OfType<string>());
        return string.Create(inv, $"{method} {Task}{(extras.Length > 0 ? $" ({extras})" : "")}, {data}, seed {Seed}, device {Device}{source}, ") +
            string.Create(inv, $"target training {FineTuning.MaxEpoch} epochs (batch {FineTuning.BatchSize}, lr {FineTuning.LearningRate:0.####})") +
            (EpochSelection is { } selection ? string.Create(inv, $", the last stage on the experimental data stopped at the epoch chosen by {selection.Folds}-fold CV on the training part") : "") +
            (Method == YieldCnnMethod.BiRpt
                ? string.Create(inv, $", Bi-RPT {BiRptBudget()}, λ_m {Sparsity.MaskLearningRate:R}, lower level every {Sparsity.LowerLevelInterval} step(s), gates on {(Sparsity.GatedLayers == BiRptGatedLayers.All ? "all layers" : "the convolutions")}{BiRptTarget()}")
                : RoundsSearch is { } search ? string.Create(inv, $", IMP N_s ∈ {{{string.Join(",", search.PretrainingRoundCandidates)}}} × N_t ∈ {{{string.Join(",", search.TransferRoundCandidates)}}} by {search.Folds}-fold CV on the training part, rate {Sparsity.PruningRate:0.##}")
                : IsSparse ? string.Create(inv, $", IMP N_s {Sparsity.PretrainingRounds}, N_t {Sparsity.TransferRounds}, rate {Sparsity.PruningRate:0.##}") : "");
    }

    private string BiRptTarget() => Sparsity.TargetJointSparsity is { } target
        ? string.Create(CultureInfo.InvariantCulture, $", target {target * 100:0.#} % of the gated weights by {(Sparsity.TargetSparsityRanking == TargetSparsityRanking.JointScore ? "joint score" : "gated weight")}")
        : ", no target sparsity";

    private string BiRptBudget() => BiRptSearch is { } search
        ? string.Create(CultureInfo.InvariantCulture, $"{SearchedBudgets(search)}{SearchedLowerRates(search)} by {search.Folds}-fold CV on the training part")
        : FixedBudget();

    private string FixedBudget() => Sparsity.ShrinkBudget is { } budget
        ? string.Create(CultureInfo.InvariantCulture, $"shrink budget {budget:R}")
        : string.Create(CultureInfo.InvariantCulture, $"γ {Sparsity.Gamma:R}");

    private string SearchedBudgets(Methods.BiRpt.BiRptSearchOptions search) => search.ShrinkBudgetCandidates is { } budgets
        ? $"shrink budget ∈ {{{List(budgets)}}}"
        : FixedBudget();

    private static string SearchedLowerRates(Methods.BiRpt.BiRptSearchOptions search) => search.LowerLearningRateCandidates is { } rates
        ? $", λ_l ∈ {{{List(rates)}}}"
        : "";

    private static string List(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
