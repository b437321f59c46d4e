using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Benchmark.Methods;

/// <summary>
/// The recommended method as users get it (<c>mlContext.Regression.Trainers.YieldTransferAndForest</c>): the mean of
/// pretrain-and-transfer (the cache's dense regression network, the profile's fine-tuning stage) and a random forest on the
/// fractions, T and the Maresca–Curtin estimate, with its standard deviation calibrated by 5-fold cross-validation on the
/// training part (folds hold whole compositions). Classification: the class the mean strength falls in.
/// </summary>
public sealed class TransferAndForestMethod(PretrainedCache cache) : IUncertainBenchmarkMethod
{
    /// <inheritdoc />
    public string Name => BenchmarkMethods.TransferAndForest;

    /// <inheritdoc />
    public string DisplayName => BenchmarkMethods.DisplayName(Name);

    /// <inheritdoc />
    public bool Supports(YieldTask task) => true;

    /// <inheritdoc />
    public IReadOnlyList<double> Predict(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return PredictWithUncertainty(fit).Select(p => fit.Task == YieldTask.Regression ? p.Mean : YieldLabels.ClassOf(Math.Max(0, p.Mean))).ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<(double Mean, double StandardDeviation)> PredictWithUncertainty(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var ml = new MLContext(fit.Seed);
        var cnn = cache.Settings.TrainerOptions(YieldTask.Regression, fit.Seed, fit.Cancellation);
        cnn.Progress = fit.Progress;
        var options = new TransferAndForestTrainerOptions
        {
            LabelColumnName = YieldLabels.ColumnName(YieldTask.Regression),
            Cnn = cnn,
            SpreadCalibration = new SpreadCalibrationOptions { Folds = CnnMethod.EpochSelectionFolds },
        };
        var pretrained = cache.Dense(YieldTask.Regression, fit.Progress, fit.Cancellation);
        var pipeline = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldTransferAndForest(pretrained, options));
        using var model = pipeline.Fit(fit.Train.ToDataView(ml));
        var scored = model.Transform(fit.Test.ToDataView(ml));
        var means = scored.GetColumn<float>("Score").ToArray();
        var deviations = scored.GetColumn<float>(YieldCnnPredictionTransformer.StandardDeviationColumnName).ToArray();
        return means.Select((m, i) => ((double)m, (double)deviations[i])).ToArray();
    }
}
