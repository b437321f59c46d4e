using Microsoft.ML;
using XYield.ML.Data;
using XYield.ML.Data.Simulated;
using XYield.ML.Models;
using XYield.ML.Cli.Benchmark.Methods;
using XYield.ML.Trainers;

namespace XYield.ML.Cli.Workflows;

/// <summary>The labels, simulated images and trainer options that <c>xyield train</c> and the benchmark's CNN methods share.</summary>
internal static class CnnData
{
    /// <summary>The label column: yield strength for regression, the key-typed class otherwise.</summary>
    public static string LabelColumn(YieldTask task) => task == YieldTask.Regression ? ColumnNames.YieldStrength : "Label";

    /// <summary>Adds the key-typed class label for classification.</summary>
    public static IDataView WithLabel(MLContext ml, IDataView data, YieldTask task) =>
        task == YieldTask.Regression ? data : ml.Transforms.BinYieldStrength("Label", ColumnNames.YieldStrength).Fit(data).Transform(data);

    /// <summary><paramref name="count"/> simulated points as pseudo-images.</summary>
    public static IDataView SimulatedImages(MLContext ml, YieldTask task, int count, int seed)
    {
        var simulated = SimulatedDataset.CreateDataView(count, seed);
        return WithLabel(ml, ml.Transforms.FeaturizePseudoImage().Fit(simulated).Transform(simulated), task);
    }

    /// <summary>Trainer options for one run; the caller sets the method and its source data or network.</summary>
    public static YieldCnnTrainerOptions TrainerOptions(YieldTask task, CnnSettings settings, int seed, CancellationToken cancellation) => new()
    {
        LabelColumnName = LabelColumn(task),
        Pretraining = settings.Pretraining,
        FineTuning = settings.FineTuning,
        Sparsity = settings.Sparsity,
        Device = settings.Device,
        Seed = seed,
        CancellationToken = cancellation,
    };
}
