using System.Text.Json.Serialization;

namespace XYield.ML.Training;

/// <summary>
/// The settings of one training stage (pre-training, fine-tuning, training from scratch, Mix Training).
/// Defaults are the paper's X-Yield fine-tuning settings; <see cref="PaperPretraining"/> gives the pre-training ones
/// (Chen et al., CPAL 2024, Appendix B.1).
/// </summary>
public sealed record StageOptions
{
    /// <summary>The paper's pre-training stage: 10 epochs, Adam, learning rate 1e-4, cosine annealing, batch 16.</summary>
    public static StageOptions PaperPretraining { get; } = new()
    {
        MaxEpoch = 10,
        Optimizer = OptimizerKind.Adam,
        LearningRate = 1e-4,
        Schedule = LearningRateSchedule.CosineAnnealing,
        BatchSize = 16,
    };

    /// <summary>The paper's fine-tuning stage: 90 epochs, SGD, learning rate 1e-3, ÷10 every 30 epochs, batch 4.</summary>
    public static StageOptions PaperFineTuning { get; } = new();

    /// <summary>Number of passes over the data. Default: 90.</summary>
    public int MaxEpoch { get; init; } = 90;

    /// <summary>Samples per mini-batch. Default: 4.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>The optimiser. Default: SGD.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>The initial learning rate. Default: 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum (ignored by Adam). Default: 0.</summary>
    public double Momentum { get; init; }

    /// <summary>L2 weight decay. Default: 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The learning-rate schedule. Default: step.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Step;

    /// <summary>Epochs between learning-rate steps for <see cref="LearningRateSchedule.Step"/>. Default: 30.</summary>
    public int StepSize { get; init; } = 30;

    /// <summary>Factor applied at each step for <see cref="LearningRateSchedule.Step"/>. Default: 0.1.</summary>
    public double StepGamma { get; init; } = 0.1;

    /// <summary>
    /// Early stopping: end the stage after this many epochs (1 to <see cref="MaxEpoch"/>), with the learning-rate schedule
    /// (and Bi-RPT's per-step rates) still laid out over <see cref="MaxEpoch"/>, so the run is the full run's first epochs
    /// exactly. Null runs all <see cref="MaxEpoch"/> epochs. Set by <see cref="Estimators.YieldCnnTrainerOptions.EpochSelection"/>,
    /// which chooses it by cross-validation. Default: null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] // absent from pre-training store keys unless set
    public int? StopAfterEpoch { get; init; }

    /// <summary>The epochs the stage runs: <see cref="StopAfterEpoch"/> (at most <see cref="MaxEpoch"/>), else <see cref="MaxEpoch"/>.</summary>
    [JsonIgnore]
    public int EpochsToRun => Math.Min(StopAfterEpoch ?? MaxEpoch, MaxEpoch);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid member.</summary>
    public void Validate()
    {
        static void Positive(double value, string name)
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
            }
        }

        static void NonNegative(double value, string name)
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative finite number.");
            }
        }

        Positive(MaxEpoch, nameof(MaxEpoch));
        Positive(BatchSize, nameof(BatchSize));
        Positive(LearningRate, nameof(LearningRate));
        NonNegative(Momentum, nameof(Momentum));
        NonNegative(WeightDecay, nameof(WeightDecay));
        Positive(StepSize, nameof(StepSize));
        Positive(StepGamma, nameof(StepGamma));
        if (StopAfterEpoch is { } stop && (stop < 1 || stop > MaxEpoch))
        {
            throw new ArgumentOutOfRangeException(nameof(StopAfterEpoch), stop, $"StopAfterEpoch must be between 1 and MaxEpoch ({MaxEpoch}), or null for all epochs.");
        }

        if (!Enum.IsDefined(Optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Optimizer must be Adam or Sgd.");
        }

        if (!Enum.IsDefined(Schedule))
        {
            throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "Schedule must be Constant, CosineAnnealing or Step.");
        }
    }
}
