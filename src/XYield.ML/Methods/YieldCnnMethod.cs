using System.Globalization;
using XYield.ML.Estimators;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Methods.HandTune;
using XYield.ML.Methods.Mix;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Methods;

/// <summary>
/// A training method of <see cref="YieldCnnTrainer"/> (Chen et al., CPAL 2024, §4–5): its names, the tasks it supports,
/// which source data it needs, whether it learns masks, its option checks and its stages. <see cref="All"/> is the one
/// registry the trainer, the benchmark and the <c>xyield</c> tool read; a new method is one more entry here.
/// </summary>
public sealed class YieldCnnMethod
{
    private readonly Action<YieldCnnTrainerOptions>? _validate;
    private readonly Func<MethodFit, TrainedYieldModel> _train;
    private readonly Func<YieldCnnTrainerOptions, SelectableStage> _selectable;
    private readonly YieldTask[] _tasks = [YieldTask.Regression, YieldTask.Classification];

    private YieldCnnMethod(
        string name,
        string displayName,
        string summary,
        PretrainingNeed pretraining,
        bool usesSourceData,
        bool isSparse,
        Func<MethodFit, TrainedYieldModel> train,
        Func<YieldCnnTrainerOptions, SelectableStage> selectable,
        Action<YieldCnnTrainerOptions>? validate = null)
    {
        Name = name;
        DisplayName = displayName;
        Summary = summary;
        Pretraining = pretraining;
        UsesSourceData = usesSourceData;
        IsSparse = isSparse;
        _train = train;
        _selectable = selectable;
        _validate = validate;
    }

    /// <summary>Trains on the target (experimental) data only.</summary>
    public static YieldCnnMethod NoPretraining { get; } = new(
        "np", "No Pretraining (CNN)", "no pretraining: the target data only", PretrainingNeed.None, usesSourceData: false, isSparse: false,
        f => TrainingEngine.TrainWithoutPretraining(f.Target, f.Options.Network, f.Stopped(f.FineTuning), f.Training), o => FineTuningStage(o, "training"));

    /// <summary>Fine-tunes a pre-trained network (given, or pre-trained on the source data during <c>Fit</c>).</summary>
    public static YieldCnnMethod PretrainAndTransfer { get; } = new(
        "pt", "Pretrain-and-transfer (CNN)", "pretrain on the source data, fine-tune on the target", PretrainingNeed.Dense, usesSourceData: false, isSparse: false,
        f => TrainingEngine.FineTune(f.Pretrained(), f.Target, f.Stopped(f.FineTuning), f.Training), o => FineTuningStage(o, "fine-tuning"));

    /// <summary>One trunk with a source head and a target head, trained on batches from both domains.</summary>
    public static YieldCnnMethod MixTraining { get; } = new(
        "mix", "Mix Training (CNN)", "mix training: both domains at once, two heads", PretrainingNeed.None, usesSourceData: true, isSparse: false,
        f => TrainingEngine.MixTrain(f.Source, f.Target, f.Options.Network, f.Stopped(f.Options.Pretraining), f.Training),
        o => new SelectableStage(nameof(YieldCnnTrainerOptions.Pretraining), o.Pretraining, "mix-training", o.Pretraining.MaxEpoch, 0));

    /// <summary>Hand-Tune with IMP during pre-training only (N_t = 0).</summary>
    public static YieldCnnMethod PretrainSparsityOnly { get; } = new(
        "pretrain-sparse", "Pretrain sparsity only (IMP)", "IMP in pre-training only (N_t = 0)", PretrainingNeed.Sparse, usesSourceData: false, isSparse: true,
        f => FineTuneSparse(f, f.Options.Sparsity with { TransferRounds = 0 }), o => LastTransferStage(o, o.Sparsity with { TransferRounds = 0 }));

    /// <summary>Hand-Tune with IMP during fine-tuning only (dense pre-training, N_s = 0).</summary>
    public static YieldCnnMethod TransferSparsityOnly { get; } = new(
        "transfer-sparse", "Transfer sparsity only (IMP)", "IMP in fine-tuning only (N_s = 0)", PretrainingNeed.Dense, usesSourceData: false, isSparse: true,
        f => FineTuneSparse(f, f.Options.Sparsity with { PretrainingRounds = 0 }), o => LastTransferStage(o, o.Sparsity));

    /// <summary>Hand-Tune (Algorithm 1): IMP during pre-training (m_s, N_s rounds) and during fine-tuning on the survivors (m_t, N_t rounds).</summary>
    public static YieldCnnMethod HandTune { get; } = new(
        "handtune", "Hand-Tune (IMP twice)", "IMP in both stages (N_s, N_t rounds), optionally chosen by cross-validation", PretrainingNeed.Sparse,
        usesSourceData: false, isSparse: true, TrainHandTune, o => LastTransferStage(o, o.Sparsity), ValidateHandTune);

    /// <summary>Bi-RPT (Algorithm 2): gated masks m_s and m_t learned by bi-level optimisation on source and target data.</summary>
    public static YieldCnnMethod BiRpt { get; } = new(
        "birpt", "Bi-RPT", "bi-level learned masks on both domains, coefficients optionally chosen by cross-validation", PretrainingNeed.Dense,
        usesSourceData: true, isSparse: true, TrainBiRpt, o => FineTuningStage(o, "bi-rpt"));

    /// <summary>Every method, in the order reports list them.</summary>
    public static IReadOnlyList<YieldCnnMethod> All { get; } =
        [NoPretraining, PretrainAndTransfer, MixTraining, PretrainSparsityOnly, TransferSparsityOnly, HandTune, BiRpt];

    /// <summary>The short name used on the command line and in results, e.g. "pt".</summary>
    public string Name { get; }

    /// <summary>The name shown in report tables, e.g. "Pretrain-and-transfer (CNN)".</summary>
    public string DisplayName { get; }

    /// <summary>One line on what the method does, for help texts.</summary>
    public string Summary { get; }

    /// <summary>Which pre-trained network the method fine-tunes (given as <see cref="YieldCnnTrainerOptions.Pretrained"/> or pre-trained from the source data).</summary>
    public PretrainingNeed Pretraining { get; }

    /// <summary>Whether the method reads <see cref="YieldCnnTrainerOptions.SourceData"/> while it trains on the target data (Mix Training, Bi-RPT).</summary>
    public bool UsesSourceData { get; }

    /// <summary>Whether the method learns or prunes masks, so its model carries a non-trivial sparsity report.</summary>
    public bool IsSparse { get; }

    /// <summary>
    /// Where <see cref="YieldCnnTrainerOptions.EpochSelection"/> chooses for <paramref name="options"/>: the method's last
    /// stage on the target data — the fine-tuning (No Pretraining, Pretrain-and-transfer, Pretrain sparsity only, Bi-RPT),
    /// Mix Training's one stage (<see cref="YieldCnnTrainerOptions.Pretraining"/>), or the last transfer IMP round
    /// (Transfer sparsity only, Hand-Tune; the fine-tuning when N_t = 0). Earlier rounds run in full: each one's pruning
    /// reads the weights it ends with.
    /// </summary>
    internal SelectableStage SelectableStage(YieldCnnTrainerOptions options) => _selectable(options);

    /// <summary>Whether the method can be trained for <paramref name="task"/> (every method so far supports both tasks).</summary>
    public bool Supports(YieldTask task) => _tasks.Contains(task);

    /// <summary>The method called <paramref name="name"/> (its <see cref="Name"/>, case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static YieldCnnMethod FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(m => string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown method '{name}'. Known methods: {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));
    }

    /// <summary>The short name.</summary>
    public override string ToString() => Name;

    /// <summary>
    /// Checks that <paramref name="options"/> give the method what it needs for <paramref name="task"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Names the missing or conflicting option.</exception>
    internal void Validate(YieldCnnTrainerOptions options, YieldTask task)
    {
        if (!Supports(task))
        {
            throw new ArgumentException($"{DisplayName} cannot be trained for {task}.", nameof(options));
        }

        if (UsesSourceData && options.SourceData is null)
        {
            throw new ArgumentException($"{DisplayName} needs Options.SourceData (the simulated data): it trains on it beside the target data.", nameof(options));
        }

        if (Pretraining != PretrainingNeed.None && options.SourceData is null && options.Pretrained is null)
        {
            throw new ArgumentException($"{DisplayName} needs Options.Pretrained, or Options.SourceData to pre-train on.", nameof(options));
        }

        if (Pretraining != PretrainingNeed.None && options.Pretrained is { } p && p.NetworkOptions.Task != task)
        {
            throw new ArgumentException($"The pre-trained network was trained for {p.NetworkOptions.Task}; this trainer does {task}.", nameof(options));
        }

        if (options.RoundsSearch is not null && this != HandTune)
        {
            throw new ArgumentException($"Options.RoundsSearch chooses Hand-Tune's N_s and N_t; it cannot be used with {DisplayName}.", nameof(options));
        }

        if (options.BiRptSearch is not null && this != BiRpt)
        {
            throw new ArgumentException($"Options.BiRptSearch chooses Bi-RPT's coefficients; it cannot be used with {DisplayName}.", nameof(options));
        }

        if (options.EpochSelection is not null)
        {
            if (options.BiRptSearch is not null)
            {
                throw new ArgumentException("Options.EpochSelection cannot be combined with Options.BiRptSearch: choose the coefficients first, then the epoch.", nameof(options));
            }

            if (options.RoundsSearch is not null)
            {
                throw new ArgumentException("Options.EpochSelection cannot be combined with Options.RoundsSearch: choose N_s and N_t first, then the epoch.", nameof(options));
            }

            if (SelectableStage(options) is { Stage.StopAfterEpoch: not null, OptionName: var stage })
            {
                throw new ArgumentException($"Options.EpochSelection chooses where {DisplayName}'s Options.{stage} stops; leave Options.{stage}.StopAfterEpoch null (or set it yourself and drop EpochSelection).", nameof(options));
            }
        }

        _validate?.Invoke(options);
    }

    /// <summary>Runs the method's stages.</summary>
    internal TrainedYieldModel Train(MethodFit fit) => _train(fit);

    private static TrainedYieldModel FineTuneSparse(MethodFit f, SparsityOptions sparsity) =>
        HandTuneTraining.FineTuneSparse(f.Pretrained(sparsity), f.Target, f.FineTuning, sparsity, f.Training, lastStageStop: f.ChosenEpoch);

    private static SelectableStage FineTuningStage(YieldCnnTrainerOptions o, string name) =>
        new(nameof(YieldCnnTrainerOptions.FineTuning), o.FineTuning, name, o.FineTuning.MaxEpoch, 0);

    // The fine-tuning, then N_t rounds of TransferRoundEpochs (default: the fine-tuning's) each: the last one is chosen in.
    private static SelectableStage LastTransferStage(YieldCnnTrainerOptions o, SparsityOptions sparsity)
    {
        var fineTuning = o.FineTuning.MaxEpoch;
        if (sparsity.TransferRounds == 0)
        {
            return FineTuningStage(o, "fine-tuning");
        }

        var round = sparsity.TransferRoundEpochs ?? fineTuning;
        return new(nameof(YieldCnnTrainerOptions.FineTuning), o.FineTuning, $"fine-tuning (IMP round {sparsity.TransferRounds.ToString(CultureInfo.InvariantCulture)})", round,
            fineTuning + ((sparsity.TransferRounds - 1) * round));
    }

    private static TrainedYieldModel TrainHandTune(MethodFit f)
    {
        if (f.RoundsSearch is not { } rounds)
        {
            return FineTuneSparse(f, f.Options.Sparsity);
        }

        var o = f.Options;
        var model = PruningRoundsSearch.HandTune(f.Source, f.Target, out var search, rounds, o.Network, o.Pretraining, f.FineTuning, o.Sparsity, f.Training);
        f.RoundsSearchResult = search;
        return model;
    }

    private static TrainedYieldModel TrainBiRpt(MethodFit f)
    {
        var sparsity = f.Options.Sparsity with { SourceBatchSize = f.Options.Sparsity.SourceBatchSize ?? f.Options.Pretraining.BatchSize };
        if (f.BiRptSearch is not { } search)
        {
            return TrainingEngine.BiRpt(f.Pretrained(), f.Source, f.Target, f.Stopped(f.FineTuning), sparsity, f.Training);
        }

        var model = BiRptSearch.BiRpt(f.Pretrained(), f.Source, f.Target, out var result, search, f.FineTuning, sparsity, f.Training);
        f.BiRptSearchResult = result;
        return model;
    }

    private static void ValidateHandTune(YieldCnnTrainerOptions options)
    {
        if (options.RoundsSearch is not null && (options.SourceData is null || options.Pretrained is not null))
        {
            throw new ArgumentException(
                "Options.RoundsSearch pre-trains with every candidate N_s: it needs Options.SourceData and no Options.Pretrained.", nameof(options));
        }
    }
}

/// <summary>
/// Where <see cref="YieldCnnTrainerOptions.EpochSelection"/> chooses for a method: the options member holding the stage
/// (e.g. "FineTuning"), that stage, the name its progress reports carry, how many epochs the chosen-in run has, and how
/// many target epochs of the fit come before it (<see cref="TrainingEpoch.TargetEpoch"/> counts on through IMP rounds).
/// </summary>
internal readonly record struct SelectableStage(string OptionName, StageOptions Stage, string Name, int Epochs, int TargetEpochsBefore);
