using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Simulated;
using XYield.ML.Data.Splits;
using XYield.ML.Estimators;
using XYield.ML.Evaluation;
using XYield.ML.Methods;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;

namespace XYield.ML.Cli.Workflows;

/// <summary>
/// The train-and-evaluate run behind <c>xyield train</c>: split the experimental set, featurise, (pre-)train with the
/// chosen method, score the test part and save the model (formula + temperature in, prediction out).
/// </summary>
internal static class TrainWorkflow
{
    public sealed record Result(
        ITransformer Model, DataViewSchema InputSchema, int TrainCount, int TestCount, double TestMetric, string MetricName, SparsityReport Sparsity)
    {
        /// <summary>The cross-validation table that chose N_s and N_t (Hand-Tune with a rounds search), else null.</summary>
        public PruningRoundsSearchResult? RoundsSearch { get; init; }
    }

    public static Result Run(TrainSettings settings, IProgress<TrainingProgress>? progress, Action<string>? log, CancellationToken cancellation)
    {
        var ml = new MLContext(settings.Seed);
        var split = ExperimentalSplits.FewShot(ExperimentalDataSet.Load(settings.DataPath), settings.SplitPercent / 100.0, settings.Seed);
        var labelColumn = YieldLabels.ColumnName(settings.Task);
        var train = YieldLabels.WithLabel(ml, split.Train.ToDataView(ml), settings.Task);
        var test = YieldLabels.WithLabel(ml, split.Test.ToDataView(ml), settings.Task);

        var options = new YieldCnnTrainerOptions
        {
            Method = settings.Method,
            LabelColumnName = labelColumn,
            Pretraining = settings.Pretraining,
            FineTuning = settings.FineTuning,
            Sparsity = settings.Sparsity,
            // The folds come from the training part only and keep each composition (all its temperatures) in one fold.
            RoundsSearch = settings.RoundsSearch is { } search
                ? search with { Seed = settings.Seed, Groups = split.Train.Select(p => p.Composition.ToKey(ExperimentalDataSet.MergeDecimals)).ToArray() }
                : null,
            SourceData = settings.Method == YieldCnnMethod.NoPretraining ? null : SimulatedDataset.CreateImages(ml, settings.Task, settings.SimulatedCount, settings.Seed),
            Device = settings.Device,
            Seed = settings.Seed,
            Progress = progress,
            CancellationToken = cancellation,
            Log = log,
        };
        IEstimator<ITransformer> trainer = settings.Task == YieldTask.Regression
            ? ml.Regression.Trainers.YieldCnn(options)
            : ml.MulticlassClassification.Trainers.YieldCnn(options);
        var model = ml.Transforms.FeaturizeAlloy().Append(trainer).Fit(train);
        var cnn = (YieldCnnPredictionTransformer)model.LastTransformer;
        var sparsity = cnn.Sparsity;

        var scored = model.Transform(test);
        var (metric, name) = settings.Task == YieldTask.Regression
            ? (Metrics.MeanSquaredError(
                scored.GetColumn<float>("Score").Select(v => (double)v).ToArray(),
                scored.GetColumn<float>(ColumnNames.YieldStrength).Select(v => (double)v).ToArray()), "test MSE (GPa²)")
            : (Metrics.Accuracy(
                scored.GetColumn<uint>("PredictedLabel").Select(k => (int)k).ToArray(),
                scored.GetColumn<uint>("Label").Select(k => (int)k).ToArray()), "test accuracy");
        return new Result(model, train.Schema, split.Train.Count, split.Test.Count, metric, name, sparsity) { RoundsSearch = cnn.RoundsSearch };
    }
}
