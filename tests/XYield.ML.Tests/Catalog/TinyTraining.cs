using Microsoft.ML;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Simulated;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Tests.Catalog;

/// <summary>
/// Data and settings small enough that every catalog overload trains in about a second: a narrow network, one or two
/// epochs, a few experimental points as the target and a few simulated points as the source.
/// </summary>
internal sealed class TinyTraining
{
    public TinyTraining(MLContext ml, int targetRows, int sourceRows)
    {
        var experimental = ExperimentalDataSet.Load();
        var points = ml.Data.TakeRows(experimental.ToDataView(ml), targetRows);
        var images = ml.Transforms.FeaturizeAlloy().Fit(points).Transform(points);
        Target = images;
        TargetClasses = YieldLabels.WithLabel(ml, images, YieldTask.Classification);
        Source = SimulatedDataset.CreateImages(ml, YieldTask.Regression, sourceRows, seed: 1);
        SourceClasses = SimulatedDataset.CreateImages(ml, YieldTask.Classification, sourceRows, seed: 1);
    }

    /// <summary>Experimental points with "Image" and the "YieldStrength" label (GPa).</summary>
    public IDataView Target { get; }

    /// <summary>The same points with the key-typed "Label" of the five classes.</summary>
    public IDataView TargetClasses { get; }

    /// <summary>Simulated points with "Image" and "YieldStrength".</summary>
    public IDataView Source { get; }

    /// <summary>Simulated points with "Image" and the key-typed "Label".</summary>
    public IDataView SourceClasses { get; }

    /// <summary>Sparsity settings with one short IMP round in each stage.</summary>
    public static SparsityOptions OneShortRoundEach { get; } = new() { PretrainingRounds = 1, TransferRounds = 1, PretrainingRoundEpochs = 1, TransferRoundEpochs = 1 };

    /// <summary>Options for <paramref name="task"/>'s label with a narrow network and one or two epochs per stage.</summary>
    public static YieldCnnTrainerOptions Options(YieldTask task) => new()
    {
        LabelColumnName = YieldLabels.ColumnName(task),
        Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 2, BatchSize = 8, LearningRate = 1e-2 },
        Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32, LearningRate = 1e-3 },
        Sparsity = OneShortRoundEach,
        Device = "cpu",
    };
}
