using Microsoft.ML;
using XYield.ML.Data;
using XYield.ML.Methods;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Storage;
using XYield.ML.Training;

namespace XYield.ML.Estimators;

/// <summary>
/// Settings of <see cref="YieldCnnTrainer"/>. The defaults are the paper's X-Yield hyper-parameters (Chen et al.,
/// CPAL 2024, Appendix B.1): pre-training 10 epochs, Adam, lr 1e-4, cosine annealing, batch 16; fine-tuning 90 epochs,
/// SGD, lr 1e-3, ÷10 every 30 epochs, batch 4.
/// </summary>
public sealed class YieldCnnTrainerOptions
{
    /// <summary>The pseudo-image column: a known-size Vector&lt;Single&gt; of 2 × 9 × 18 values. Default "Image".</summary>
    public string FeatureColumnName { get; set; } = "Image";

    /// <summary>The label: Single yield strength in GPa (regression) or a key-typed class (classification). Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>How the source data is used. Set by the catalog method.</summary>
    public YieldCnnMethod Method { get; set; } = YieldCnnMethod.NoPretraining;

    /// <summary>The source (simulated) data for Mix Training, or for pre-training when <see cref="Pretrained"/> is null;
    /// it needs the same feature and label columns.</summary>
    public IDataView? SourceData { get; set; }

    /// <summary>A pre-trained network to fine-tune (Pretrain-and-Transfer); it is not modified, so one can serve many fits.</summary>
    public PretrainedNetwork? Pretrained { get; set; }

    /// <summary>The architecture (widths). The task is set by the catalog. Default: the paper's network (convolutions 32, 64, 64; hidden 128).</summary>
    public YieldCnnOptions Network { get; set; } = new();

    /// <summary>Settings of the pre-training stage (and of Mix Training).</summary>
    public StageOptions Pretraining { get; set; } = StageOptions.PaperPretraining;

    /// <summary>Settings of training on the target data (No Pretraining, fine-tuning).</summary>
    public StageOptions FineTuning { get; set; } = StageOptions.PaperFineTuning;

    /// <summary>The sparse methods' settings (IMP rate and rounds, Bi-RPT coefficients); used by Hand-Tune, its variants and Bi-RPT.</summary>
    public SparsityOptions Sparsity { get; set; } = new();

    /// <summary>
    /// Hand-Tune only: when set, <c>Fit</c> first chooses N_s and N_t by K-fold cross-validation on the training data it is
    /// given (<see cref="PruningRoundsSearch"/>; the round counts in <see cref="Sparsity"/> are then ignored), and trains
    /// with the best pair on all of it. Needs <see cref="SourceData"/>. The table is on
    /// <see cref="YieldCnnPredictionTransformer.RoundsSearch"/>. Default: null (no search).
    /// </summary>
    public PruningRoundsSearchOptions? RoundsSearch { get; set; }

    /// <summary>
    /// Bi-RPT only: when set, <c>Fit</c> first chooses the coefficients by K-fold cross-validation on the training data it is
    /// given (<see cref="Methods.BiRpt.BiRptSearch"/>: by default the <see cref="SparsityOptions.ShrinkBudget"/> among 0, 0.5,
    /// 1 and 2 over <see cref="Sparsity"/>), and trains with the best candidate on all of it. The table is on
    /// <see cref="YieldCnnPredictionTransformer.BiRptSearch"/>. Default: null (no search).
    /// </summary>
    public Methods.BiRpt.BiRptSearchOptions? BiRptSearch { get; set; }

    /// <summary>
    /// When set, <c>Fit</c> chooses the epoch of the method's last stage on the target data by K-fold cross-validation on
    /// the training data it is given (each fold trains the full schedule and is scored after every epoch of that stage), then
    /// trains on all of it and stops that stage at the epoch with the best mean validation score
    /// (<see cref="StageOptions.StopAfterEpoch"/>; the learning-rate schedule still spans <see cref="StageOptions.MaxEpoch"/>).
    /// The stage is the <see cref="FineTuning"/> (No Pretraining, Pretrain-and-transfer, Pretrain sparsity only, Bi-RPT),
    /// Mix Training's <see cref="Pretraining"/> stage (it trains on both domains there), or the last transfer IMP round
    /// (Transfer sparsity only, Hand-Tune; earlier rounds run in full). An ensemble's members all stop at the chosen epoch.
    /// Not with <see cref="RoundsSearch"/> or <see cref="BiRptSearch"/>. The curves are on
    /// <see cref="YieldCnnPredictionTransformer.EpochSelection"/>. Cost: K + 1 fits. Default: null (all epochs).
    /// </summary>
    public Training.CrossValidation.EpochSelectionOptions? EpochSelection { get; set; }

    /// <summary>
    /// With <see cref="RoundsSearch"/>, <see cref="BiRptSearch"/>, <see cref="EpochSelection"/> or <see cref="SpreadCalibration"/>: a text column whose equal values stay in one fold (e.g. "Formula", so a validation fold
    /// never holds a composition its training part saw at another temperature). Null: rows are assigned one by one.
    /// </summary>
    public string? SearchGroupColumnName { get; set; }

    /// <summary>
    /// K, the number of networks trained and averaged: 1 (default) trains one; K &gt; 1 trains K members of the method from
    /// the same pre-trained network (pre-trained once), differing by <see cref="EnsembleResampling"/>. The transformer's
    /// <c>Score</c> is then the members' mean (regression) or mean class probabilities (classification), and regression adds
    /// <c>ScoreStdDev</c>, the members' sample standard deviation in GPa: a spread, not a calibrated interval (the benchmark
    /// reports its coverage). At most 64.
    /// </summary>
    public int EnsembleSize { get; set; } = 1;

    /// <summary>
    /// Regression ensembles (<see cref="EnsembleSize"/> &gt; 1) only: when set, <c>Fit</c> also trains the same ensemble on
    /// each of K folds of the training data it is given, standardises every held row's error by its fold ensemble's spread,
    /// and multiplies <c>ScoreStdDev</c> by s = √(mean z²) (saved with the model), so ±1.96 · ScoreStdDev is meant to cover
    /// about 95 % of new measurements like these. Raw seed ensembles from one pre-trained network are typically
    /// over-confident (s &gt; 1). The fold errors are on <see cref="YieldCnnPredictionTransformer.SpreadCalibration"/>.
    /// Cost: K more ensembles. Default: null (the raw spread).
    /// </summary>
    public Training.CrossValidation.SpreadCalibrationOptions? SpreadCalibration { get; set; }

    /// <summary>How ensemble members differ: their seeds only (default) or also a bootstrap resample of the rows.</summary>
    public EnsembleResampling EnsembleResampling { get; set; } = EnsembleResampling.Seeds;

    /// <summary>"auto" (CUDA when available, else CPU), "cpu", "cuda" or "cuda:N". Default "auto".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Whether a requested but missing GPU falls back to the CPU (with a logged warning) instead of failing.</summary>
    public bool AllowCpuFallback { get; set; }

    /// <summary>Threads libtorch uses on the CPU; null leaves libtorch's default.</summary>
    public int? CpuThreads { get; set; }

    /// <summary>The seed; null takes the <see cref="MLContext"/>'s seed (through the catalog), else a random one.</summary>
    public int? Seed { get; set; }

    /// <summary>Receives progress (stage, epoch, step, loss, samples per second, time left).</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>
    /// Called after every epoch (pre-training epochs included; <see cref="TrainingEpoch.TrainsOnTarget"/> tells them
    /// apart) with a way to predict with the current weights, e.g. to follow a validation metric.
    /// </summary>
    public Action<TrainingEpoch>? EpochCompleted { get; set; }

    /// <summary>Stops training between steps; <c>Fit</c> then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Where log lines go; the catalog sets it to <c>MLContext.Log</c>.</summary>
    public Action<string>? Log { get; set; }

    internal YieldTask Task { get; set; }

    /// <summary>A shallow copy, so a trainer never changes the caller's options object.</summary>
    internal YieldCnnTrainerOptions Clone() => (YieldCnnTrainerOptions)MemberwiseClone();

    /// <summary>
    /// The engine-level settings of these options (device, CPU fallback and threads, seed, progress, epoch callback, log,
    /// cancellation), for calling <see cref="TrainingEngine"/> or a <see cref="PretrainedNetworkStore"/> with the same
    /// settings a trainer would use. A null <see cref="Seed"/> becomes a random one.
    /// </summary>
    public TrainingOptions ToTrainingOptions() => new()
    {
        Device = Device,
        AllowCpuFallback = AllowCpuFallback,
        CpuThreads = CpuThreads,
        Seed = Seed ?? Random.Shared.Next(),
        Progress = Progress,
        EpochCompleted = EpochCompleted,
        Log = Log,
        CancellationToken = CancellationToken,
    };
}
