using XYield.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Benchmark.Methods;

/// <summary>The sizes of the CNN methods' training: simulated points, the two stages' epochs and the IMP rounds.</summary>
/// <param name="SimulatedCount">Simulated (source) points.</param>
/// <param name="Pretraining">The pre-training stage (and Mix Training's source half).</param>
/// <param name="FineTuning">Training on the experimental points.</param>
/// <param name="Device">"auto", "cpu", "cuda" or "cuda:N".</param>
public sealed record CnnSettings(int SimulatedCount, StageOptions Pretraining, StageOptions FineTuning, string Device)
{
    /// <summary>The sparse methods' settings (IMP rounds N_s and N_t, Bi-RPT coefficients); the library's defaults unless a profile sets them.</summary>
    public SparsityOptions Sparsity { get; init; } = new();

    /// <summary>Bi-RPT's coefficient search on each training part (folds grouped by formula); null for the fixed coefficients.</summary>
    public XYield.ML.Methods.BiRpt.BiRptSearchOptions? BiRptSearch { get; init; }

    /// <summary>The paper's settings: 100,000 simulated points, 10 pre-training and 90 fine-tuning epochs.</summary>
    /// <param name="device">"auto", "cpu", "cuda" or "cuda:N".</param>
    public static CnnSettings Paper(string device) => BenchmarkProfile.Paper.Cnn(device);

    /// <summary>
    /// The quick profile: 4,000 simulated points, 2 pre-training epochs and 30 fine-tuning epochs (learning rate ÷10
    /// every 10), so a quick benchmark of every method fits in minutes on two cores.
    /// </summary>
    /// <param name="device">"auto", "cpu", "cuda" or "cuda:N".</param>
    public static CnnSettings Quick(string device) => BenchmarkProfile.Quick.Cnn(device);

    /// <summary>Trainer options for one fit with these sizes; the caller sets the method and its source data or network.</summary>
    /// <param name="task">Regression or classification: chooses the label column (<see cref="YieldLabels.ColumnName"/>).</param>
    /// <param name="seed">The fit's seed.</param>
    /// <param name="cancellation">Stops training between steps.</param>
    public YieldCnnTrainerOptions TrainerOptions(YieldTask task, int seed, CancellationToken cancellation) => new()
    {
        LabelColumnName = YieldLabels.ColumnName(task),
        Pretraining = Pretraining,
        FineTuning = FineTuning,
        Sparsity = Sparsity,
        Device = Device,
        Seed = seed,
        CancellationToken = cancellation,
    };
}
