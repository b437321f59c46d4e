using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
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
/// The train-and-evaluate run behind <c>xyield train</c>: gather the training points (a few-shot split of the
/// experimental set, all of it, and/or the user's own measurements), featurise, (pre-)train with the chosen method,
/// score the test part when there is one and return the model (formula + temperature in, prediction out).
/// Pre-trained networks come from <see cref="PretrainedCache"/>, as in the benchmark: one per configuration, drawn and
/// pre-trained with <see cref="TrainSettings.PretrainSeed"/>, loaded from <see cref="TrainSettings.Cache"/> when stored.
/// </summary>
internal static class TrainWorkflow
{
    /// <summary>What a run produced.</summary>
    /// <param name="Model">The fitted pipeline.</param>
    /// <param name="InputSchema">The schema to save the model with.</param>
    /// <param name="TrainCount">Points trained on (experimental and the user's).</param>
    /// <param name="TestCount">Points scored; null when there is no test set (<c>--split all</c>, or the user's points alone).</param>
    /// <param name="TestMetric">The test metric; null when there is no test set.</param>
    /// <param name="MetricName">What <paramref name="TestMetric"/> is, e.g. "test MSE (GPa²)".</param>
    /// <param name="Sparsity">The masks' sparsity per layer.</param>
    public sealed record Result(
        ITransformer Model, DataViewSchema InputSchema, int TrainCount, int? TestCount, double? TestMetric, string MetricName, SparsityReport Sparsity)
    {
        /// <summary>The cross-validation table that chose N_s and N_t (Hand-Tune with a rounds search), else null.</summary>
        public PruningRoundsSearchResult? RoundsSearch { get; init; }

        /// <summary>The cross-validation table that chose Bi-RPT's shrink budget (Bi-RPT with a search), else null.</summary>
        public XYield.ML.Methods.BiRpt.BiRptSearchResult? BiRptSearch { get; init; }

        /// <summary>The cross-validation curves that chose the fine-tuning epoch (<c>--cv-epoch</c>), else null.</summary>
        public XYield.ML.Training.CrossValidation.EpochSelectionResult? EpochSelection { get; init; }

        /// <summary>The cross-validated errors that scaled the ensemble's spread (<c>--calibrate</c>), else null.</summary>
        public XYield.ML.Training.CrossValidation.SpreadCalibrationResult? SpreadCalibration { get; init; }

        /// <summary>The cross-validated errors behind the recommended method's standard deviation (pt-forest+mc), else null.</summary>
        public TransferAndForestCalibration? BlendCalibration { get; init; }

        /// <summary>How many of the <see cref="TrainCount"/> points came from <see cref="TrainSettings.TrainDataPath"/>.</summary>
        public int OwnCount { get; init; }
    }

    public static Result Run(TrainSettings settings, IProgress<TrainingProgress>? progress, Action<string>? log, CancellationToken cancellation)
    {
        settings.Validate();
        var ml = new MLContext(settings.Seed);
        var (trainPoints, testPoints, own) = Points(settings, log);
        var labelColumn = YieldLabels.ColumnName(settings.Task);
        var train = YieldLabels.WithLabel(ml, trainPoints.ToDataView(ml), settings.Task);

        var cnn = new CnnSettings(settings.SimulatedCount, settings.Pretraining, settings.FineTuning, settings.Device) { Sparsity = settings.Sparsity };
        using var cache = new PretrainedCache(cnn, settings.Cache, settings.PretrainSeed, log);
        var options = new YieldCnnTrainerOptions
        {
            Method = settings.Method,
            LabelColumnName = labelColumn,
            Pretraining = settings.Pretraining,
            FineTuning = settings.FineTuning,
            Sparsity = settings.Sparsity,
            // The folds come from the training part only and keep each composition (all its temperatures) in one fold.
            RoundsSearch = settings.RoundsSearch is { } search
                ? search with { Seed = settings.Seed, Groups = trainPoints.Select(p => p.Composition.ToKey(ExperimentalDataSet.MergeDecimals)).ToArray() }
                : null,
            BiRptSearch = settings.BiRptSearch is { } coefficients
                ? coefficients with { Seed = settings.Seed, Groups = trainPoints.Select(p => p.Composition.ToKey(ExperimentalDataSet.MergeDecimals)).ToArray() }
                : null,
            EpochSelection = settings.EpochSelection is { } selection
                ? selection with { Seed = settings.Seed, Groups = trainPoints.Select(p => p.Composition.ToKey(ExperimentalDataSet.MergeDecimals)).ToArray() }
                : null,
            SpreadCalibration = settings.SpreadCalibration is { } calibration
                ? calibration with { Seed = settings.Seed, Groups = trainPoints.Select(p => p.Composition.ToKey(ExperimentalDataSet.MergeDecimals)).ToArray() }
                : null,
            EnsembleSize = settings.EnsembleSize,
            Device = settings.Device,
            Seed = settings.Seed,
            Progress = progress,
            CancellationToken = cancellation,
            Log = log,
        };
        if (options.RoundsSearch is not null)
        {
            // Each candidate N_s is pre-trained inside the search (it needs the source data, not a given network).
            log?.Invoke("--search-rounds pre-trains every candidate N_s in this run; the pre-training cache is not used.");
            options.SourceData = cache.Source(settings.Task);
        }
        else
        {
            // As the benchmark's CnnMethod: pre-training happens once per configuration in the cache (and its store),
            // never inside the fit; Mix Training and Bi-RPT also train on the simulated draw.
            options.SourceData = settings.Method.UsesSourceData ? cache.Source(settings.Task) : null;
            options.Pretrained = settings.Method.Pretraining switch
            {
                PretrainingNeed.Dense => cache.Dense(settings.Task, progress, cancellation),
                PretrainingNeed.Sparse => cache.Sparse(settings.Task, settings.Sparsity, progress, cancellation),
                _ => null,
            };
        }

        IEstimator<ITransformer> trainer = settings.WithForest ? TransferAndForest(ml, options)
            : settings.Task == YieldTask.Regression ? ml.Regression.Trainers.YieldCnn(options)
            : ml.MulticlassClassification.Trainers.YieldCnn(options);
        // The domain step learns where the training points lie, so every later prediction can say when it extrapolates.
        var model = ml.Transforms.FeaturizeAlloy().Append(trainer).Append(ml.Transforms.LearnApplicabilityDomain()).Fit(train);
        var blend = model.OfType<TransferAndForestTransformer>().SingleOrDefault();
        var fitted = blend?.Transfer ?? model.OfType<YieldCnnPredictionTransformer>().Single();
        var name = settings.Task == YieldTask.Regression ? "test MSE (GPa²)" : "test accuracy";
        var result = new Result(model, train.Schema, trainPoints.Count, null, null, name, fitted.Sparsity)
        {
            RoundsSearch = fitted.RoundsSearch,
            BiRptSearch = fitted.BiRptSearch,
            EpochSelection = fitted.EpochSelection,
            SpreadCalibration = fitted.SpreadCalibration,
            BlendCalibration = blend?.SpreadCalibration,
            OwnCount = own,
        };
        if (testPoints is null)
        {
            return result;
        }

        var scored = model.Transform(YieldLabels.WithLabel(ml, testPoints.ToDataView(ml), settings.Task));
        var metric = settings.Task == YieldTask.Regression
            ? Metrics.MeanSquaredError(
                scored.GetColumn<float>("Score").Select(v => (double)v).ToArray(),
                scored.GetColumn<float>(ColumnNames.YieldStrength).Select(v => (double)v).ToArray())
            : Metrics.Accuracy(
                scored.GetColumn<uint>("PredictedLabel").Select(k => (int)k).ToArray(),
                scored.GetColumn<uint>("Label").Select(k => (int)k).ToArray());
        return result with { TestCount = testPoints.Count, TestMetric = metric };
    }

    // The recommended method: the CNN options' fine-tune averaged with a random forest; the options' calibration (folds
    // by composition) moves to the blend, which calibrates the two halves together.
    private static TransferAndForestTrainer TransferAndForest(MLContext ml, YieldCnnTrainerOptions cnn)
    {
        var calibration = cnn.SpreadCalibration;
        cnn.SpreadCalibration = null;
        return ml.Regression.Trainers.YieldTransferAndForest(cnn.Pretrained!, new TransferAndForestTrainerOptions
        {
            LabelColumnName = cnn.LabelColumnName,
            Cnn = cnn,
            GroupColumnName = null,
            SpreadCalibration = calibration,
        });
    }

    // The training points (experimental part first, then the user's rows in file order), the test part or null, and
    // how many training points are the user's. The loaders throw naming the line rather than dropping a row.
    private static (ExperimentalDataSet Train, ExperimentalDataSet? Test, int Own) Points(TrainSettings settings, Action<string>? log)
    {
        var own = settings.TrainDataPath is { } path ? UserDataLoader.Load(path) : null;
        if (!settings.UsesExperimental)
        {
            return (own!, null, own!.Count);
        }

        var experimental = ExperimentalDataSet.Load(settings.DataPath);
        var train = experimental;
        ExperimentalDataSet? test = null;
        if (settings.SplitPercent is { } percent)
        {
            var split = ExperimentalSplits.FewShot(experimental, percent / 100.0, settings.Seed);
            (train, test) = (split.Train, split.Test);
        }

        if (own is null)
        {
            return (train, test, 0);
        }

        if (test is not null && log is not null)
        {
            var tested = test.Select(Key).ToHashSet();
            if (own.Count(p => tested.Contains(Key(p))) is > 0 and var overlap)
            {
                log(string.Create(CultureInfo.InvariantCulture,
                    $"Warning: {overlap} of the {own.Count} points in {settings.TrainDataPath} are also experimental test points (same alloy and temperature); the test metric is optimistic."));
            }
        }

        return (new ExperimentalDataSet(train.Concat(own)), test, own.Count);
    }

    private static (string, double) Key(ExperimentalPoint point) =>
        (point.Composition.ToKey(ExperimentalDataSet.MergeDecimals), Math.Round(point.TemperatureKelvin, 6));
}
