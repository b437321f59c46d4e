using XYield.ML.Estimators;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Methods;

/// <summary>
/// What a method's stages get for one <see cref="YieldCnnTrainer.Fit"/>: the validated options, the target data, the source
/// data (read once, when first asked for), and the pre-trained network the method's <see cref="YieldCnnMethod.Pretraining"/>
/// asks for (the given one, or one pre-trained now and released after the fit).
/// </summary>
internal sealed class MethodFit : IDisposable
{
    private readonly Func<TrainingSet> _readSource;
    private readonly MethodFit? _shared;
    private TrainingSet? _source;
    private PretrainedNetwork? _pretrainedHere;

    public MethodFit(YieldCnnTrainerOptions options, TrainingSet target, TrainingOptions training, Func<TrainingSet> readSource)
    {
        Options = options;
        Target = target;
        Training = training;
        _readSource = readSource;
    }

    // An ensemble member: its own target rows and seed; the source data and the pre-trained network are the first fit's.
    private MethodFit(MethodFit shared, TrainingSet target, TrainingOptions training)
        : this(shared.Options, target, training, shared._readSource)
    {
        _shared = shared;
        RoundsSearch = shared.RoundsSearch;
        BiRptSearch = shared.BiRptSearch;
        ChosenEpoch = shared.ChosenEpoch;
    }

    /// <summary>The fine-tuning stage: <see cref="YieldCnnTrainerOptions.FineTuning"/>.</summary>
    public StageOptions FineTuning => Options.FineTuning;

    /// <summary>
    /// Where the method's selectable stage (<see cref="YieldCnnMethod.SelectableStage"/>) stops, once the cross-validated
    /// epoch selection chose; null before (its folds train the full schedule) and without one. Members copy it.
    /// </summary>
    public int? ChosenEpoch { get; set; }

    /// <summary><paramref name="stage"/> stopped at <see cref="ChosenEpoch"/>, or as it is when none was chosen.</summary>
    public StageOptions Stopped(StageOptions stage) => ChosenEpoch is { } epoch ? stage with { StopAfterEpoch = epoch } : stage;

    public YieldCnnMethod Method => Options.Method;

    public YieldCnnTrainerOptions Options { get; }

    public TrainingSet Target { get; }

    public TrainingOptions Training { get; }

    /// <summary>Hand-Tune's rounds search with its fold groups read from the input; null for none.</summary>
    public PruningRoundsSearchOptions? RoundsSearch { get; init; }

    /// <summary>The search's table, once a rounds search ran.</summary>
    public PruningRoundsSearchResult? RoundsSearchResult { get; set; }

    /// <summary>Bi-RPT's coefficient search with its fold groups read from the input; null for none.</summary>
    public Methods.BiRpt.BiRptSearchOptions? BiRptSearch { get; init; }

    /// <summary>The search's table, once a Bi-RPT coefficient search ran.</summary>
    public Methods.BiRpt.BiRptSearchResult? BiRptSearchResult { get; set; }

    /// <summary>The source data as a training set (read from <see cref="YieldCnnTrainerOptions.SourceData"/> on first use).</summary>
    public TrainingSet Source => _shared?.Source ?? (_source ??= _readSource());

    /// <summary>
    /// The given <see cref="YieldCnnTrainerOptions.Pretrained"/>, or a network pre-trained now on <see cref="Source"/>: densely,
    /// or with <paramref name="sparsity"/>'s N_s IMP rounds for <see cref="PretrainingNeed.Sparse"/>.
    /// </summary>
    public PretrainedNetwork Pretrained(SparsityOptions? sparsity = null)
    {
        if (Options.Pretrained is { } given)
        {
            return given;
        }

        if (_shared is not null)
        {
            return _shared.Pretrained(sparsity);
        }

        _pretrainedHere ??= Method.Pretraining == PretrainingNeed.Sparse
            ? TrainingEngine.PretrainSparse(Source, Options.Network, Options.Pretraining, sparsity ?? Options.Sparsity, Training)
            : TrainingEngine.Pretrain(Source, Options.Network, Options.Pretraining, Training);
        return _pretrainedHere;
    }

    /// <summary>
    /// A fit of another ensemble member on <paramref name="target"/> with <paramref name="training"/>'s seed: it reads the same
    /// source data and fine-tunes the same pre-trained network as this fit, which keeps owning both.
    /// </summary>
    /// <param name="target">The member's target rows.</param>
    /// <param name="training">The member's seed, progress and epoch callback.</param>
    public MethodFit Member(TrainingSet target, TrainingOptions training) => new(this, target, training);

    /// <summary>Releases a network pre-trained during this fit.</summary>
    public void Dispose() => _pretrainedHere?.Dispose();
}
