using XYield.ML.Methods;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Cli.Workflows;

/// <summary>What <c>xyield train</c> trains: method, task, split, seed and the sizes a profile picks.</summary>
internal sealed record TrainSettings(
    YieldCnnMethod Method,
    YieldTask Task,
    int SplitPercent,
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

    /// <summary>Whether the method learns or prunes masks.</summary>
    public bool IsSparse => Method.IsSparse;

    /// <summary>The paper's settings: 100,000 simulated points, 10 pre-training and 90 fine-tuning epochs.</summary>
    public static TrainSettings Paper(YieldCnnMethod method, YieldTask task, int split, int seed, string? data, string device) =>
        new(method, task, split, seed, 100_000, StageOptions.PaperPretraining, StageOptions.PaperFineTuning, data, device);

    /// <summary>A smoke test of a minute or two on a 2-core CPU: 4,000 simulated points, 2 pre-training and 30 fine-tuning epochs.</summary>
    public static TrainSettings Quick(YieldCnnMethod method, YieldTask task, int split, int seed, string? data, string device) =>
        new(method, task, split, seed, 4_000,
            StageOptions.PaperPretraining with { MaxEpoch = 2 },
            StageOptions.PaperFineTuning with { MaxEpoch = 30, StepSize = 10 },
            data, device);

    /// <summary>One line describing what runs, printed before training.</summary>
    public string Describe()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var source = Method == YieldCnnMethod.NoPretraining
            ? ""
            : string.Create(inv, $", {SimulatedCount:N0} simulated points, pre-training {Pretraining.MaxEpoch} epochs (batch {Pretraining.BatchSize})");
        return string.Create(inv, $"{Method} {Task}, {SplitPercent}% few-shot split, seed {Seed}, device {Device}{source}, ") +
            string.Create(inv, $"target training {FineTuning.MaxEpoch} epochs (batch {FineTuning.BatchSize}, lr {FineTuning.LearningRate:0.####})") +
            (Method == YieldCnnMethod.BiRpt
                ? string.Create(inv, $", Bi-RPT γ {Sparsity.Gamma:R}, λ_m {Sparsity.MaskLearningRate:R}, lower level every {Sparsity.LowerLevelInterval} step(s)")
                : RoundsSearch is { } search ? string.Create(inv, $", IMP N_s ∈ {{{string.Join(",", search.PretrainingRoundCandidates)}}} × N_t ∈ {{{string.Join(",", search.TransferRoundCandidates)}}} by {search.Folds}-fold CV on the training part, rate {Sparsity.PruningRate:0.##}")
                : IsSparse ? string.Create(inv, $", IMP N_s {Sparsity.PretrainingRounds}, N_t {Sparsity.TransferRounds}, rate {Sparsity.PruningRate:0.##}") : "");
    }
}
