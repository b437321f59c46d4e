using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using XYield.ML.Methods;
using XYield.ML.MlNetInternals;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;
using XYield.ML.Transforms;

namespace XYield.ML.Estimators;

/// <summary>
/// XYield.ML's recommended regression method: the equal-weight mean of a pretrain-and-transfer CNN (fine-tuned from a
/// network pre-trained on Maresca–Curtin simulations) and a random forest on the palette fractions, the temperature and
/// the Maresca–Curtin estimate, computed inside the pipeline. Its <c>ScoreStdDev</c> is √(α² + (β·r)²), r the halves'
/// disagreement (and a CNN ensemble's spread), α and β fitted to the errors of K-fold cross-validation on the training
/// data, folds holding whole alloys.
/// Create it with <c>mlContext.Regression.Trainers.YieldTransferAndForest</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// | Characteristic | Value |
/// | -- | -- |
/// | Machine learning task | Regression (yield strength in GPa) |
/// | Input columns | Fractions (Vector&lt;Single, 11&gt;), Temperature (K), Image (pseudo-image): what FeaturizeAlloy adds |
/// | Label | Single GPa |
/// | Output columns | Score, ScoreStdDev, TransferScore, ForestScore, MarescaCurtin, ForestFeatures |
/// | Cost | (1 + K) × EnsembleSize fine-tunes and 1 + K forests (K calibration folds, default 5); pre-training happens once, outside |
/// ]]></format>
/// It was chosen among the benchmark's methods by 5-fold cross-validation on the training parts of the few-shot splits,
/// never by test results; docs/benchmark.md gives the study.
/// </remarks>
public sealed class TransferAndForestTrainer : IEstimator<TransferAndForestTransformer>
{
    internal const string ComponentName = "YieldTransferAndForest";

    private readonly TransferAndForestTrainerOptions _options;
    private readonly YieldCnnTrainerOptions _cnn;

    internal TransferAndForestTrainer(TransferAndForestTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, value) in new[]
        {
            (nameof(options.LabelColumnName), options.LabelColumnName), (nameof(options.FeatureColumnName), options.FeatureColumnName),
            (nameof(options.FractionsColumnName), options.FractionsColumnName), (nameof(options.TemperatureColumnName), options.TemperatureColumnName),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"Options.{name} must name a column.", nameof(options));
            }
        }

        ArgumentNullException.ThrowIfNull(options.Cnn, nameof(options.Cnn));
        ArgumentNullException.ThrowIfNull(options.Forest, nameof(options.Forest));
        options.Forest.Validate();
        var cnn = options.Cnn.Clone();
        if (cnn.Pretrained is null)
        {
            throw new ArgumentException("Options.Cnn.Pretrained must be a regression network pre-trained on simulated data (PretrainYieldCnn or PretrainedNetwork.Load).", nameof(options));
        }

        if (cnn.SpreadCalibration is not null || cnn.EpochSelection is not null || cnn.RoundsSearch is not null || cnn.BiRptSearch is not null)
        {
            throw new ArgumentException(
                "Options.Cnn must not set SpreadCalibration, EpochSelection, RoundsSearch or BiRptSearch: this trainer calibrates the blend itself (Options.SpreadCalibration) and fine-tunes for the whole stage.", nameof(options));
        }

        cnn.Method = YieldCnnMethod.PretrainAndTransfer;
        cnn.LabelColumnName = options.LabelColumnName;
        cnn.FeatureColumnName = options.FeatureColumnName;
        cnn.SourceData = null;
        _cnn = new YieldCnnTrainer(cnn, YieldTask.Regression).Options;
        options.Cnn = _cnn;
        _options = options;
    }

    /// <summary>The settings this trainer fits with.</summary>
    public TransferAndForestTrainerOptions Options => _options;

    /// <summary>Trains both halves on all rows and, unless calibration is off, each of them on K folds first for the standard deviation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type, or the folds do not fit the rows.</exception>
    /// <exception cref="InvalidDataException">A non-finite value or a row without a Maresca–Curtin estimate (names the row).</exception>
    /// <exception cref="TrainingDivergedException">The CNN's loss became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">The cancellation token fired; nothing is returned.</exception>
    public TransferAndForestTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        ArgumentNullException.ThrowIfNull(o.Forest, "Options.Forest");
        o.Forest.Validate();
        var target = TrainingDataReader.Read(input, "training data", _cnn.FeatureColumnName, _cnn.LabelColumnName, YieldTask.Regression, _cnn.Network.ClassCount, _cnn.Network.ImageShape);
        var features = new ForestFeaturesTransformer(o.FractionsColumnName, o.TemperatureColumnName).Transform(input)
            .GetColumn<VBuffer<float>>(TransferAndForestTransformer.ForestFeaturesColumnName).Select(v => v.DenseValues().ToArray()).ToArray();
        if (features.Length != target.Count)
        {
            throw new InvalidOperationException($"{ComponentName}: the training data gave {target.Count} rows once and {features.Length} the next time; it must not change while the trainer reads it.");
        }

        var training = _cnn.ToTrainingOptions();
        var forest = new ForestData(features, target.Targets!, o.Forest, training.Seed);
        _cnn.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{ComponentName}: {target.Count} rows, seed {training.Seed}, {_cnn.EnsembleSize} CNN member(s), {o.Forest.Trees} trees."));
        using var fit = new MethodFit(_cnn, target, training, () => throw new InvalidOperationException("Pretrain-and-Transfer reads no source data."));
        TransferAndForestCalibration? calibration = null;
        if (o.SpreadCalibration is { } settings)
        {
            settings = settings with { Groups = settings.Groups ?? FoldGroups.Read(input, o.GroupColumnName, "Options.GroupColumnName") ?? Compositions(features) };
            settings.Validate(target.Count);
            calibration = Calibrate(fit, forest, settings);
        }

        // Uncalibrated: the raw spread itself, floored at the calibration's default minimum.
        var spread = calibration is null ? new BlendSpread(new SpreadCalibrationOptions().MinimumSpread, 1) : new BlendSpread(calibration.Floor, calibration.Scale);
        // The cheap half first, so a failing forest wastes no fine-tuning.
        var trees = forest.Train(Enumerable.Range(0, target.Count).ToArray());
        var members = EnsembleTraining.TrainMembers(fit);
        var transfer = new YieldCnnPredictionTransformer(members, _cnn.FeatureColumnName, []);
        try
        {
            return new TransferAndForestTransformer(transfer, trees, o.FractionsColumnName, o.TemperatureColumnName, spread.Floor, spread.Scale, calibrated: calibration is not null)
            {
                SpreadCalibration = calibration,
            };
        }
        catch
        {
            transfer.Dispose();
            throw;
        }
    }

    /// <summary>The input columns plus the six the transformer adds; throws when an input column is missing or of the wrong type.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputColumnChecks.Require(inputSchema, ComponentName, _options.FeatureColumnName, "a Vector<Single> pseudo-image (FeaturizeAlloy)",
            c => c.Kind == SchemaShape.Column.VectorKind.Vector && !c.IsKey && c.ItemType == NumberDataViewType.Single);
        InputColumnChecks.Require(inputSchema, ComponentName, _options.FractionsColumnName, "Vector<Single, 11> palette fractions (FeaturizeComposition)",
            c => c.Kind == SchemaShape.Column.VectorKind.Vector && !c.IsKey && c.ItemType == NumberDataViewType.Single);
        InputColumnChecks.Require(inputSchema, ComponentName, _options.TemperatureColumnName, "a Single or Double temperature in K",
            c => InputColumnChecks.IsScalarOf(c, NumberDataViewType.Single, NumberDataViewType.Double));
        InputColumnChecks.Require(inputSchema, ComponentName, _options.LabelColumnName, "a Single yield strength in GPa",
            c => InputColumnChecks.IsScalarOf(c, NumberDataViewType.Single));
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (var name in new[]
        {
            TransferAndForestTransformer.MarescaCurtinColumnName, TransferAndForestTransformer.ForestScoreColumnName,
            TransferAndForestTransformer.TransferScoreColumnName, "Score", YieldCnnPredictionTransformer.StandardDeviationColumnName,
        })
        {
            columns[name] = SchemaShapeColumns.Scalar(name, NumberDataViewType.Single);
        }

        columns[TransferAndForestTransformer.ForestFeaturesColumnName] = SchemaShapeColumns.Vector(TransferAndForestTransformer.ForestFeaturesColumnName, NumberDataViewType.Single);
        return new SchemaShape(columns.Values);
    }

    // The whole method on each fold: the same CNN members (same seeds) and forest on the other folds, the blend's errors
    // and raw spreads on the held rows, and α, β fitted to them.
    private static TransferAndForestCalibration Calibrate(MethodFit fit, ForestData forest, SpreadCalibrationOptions settings)
    {
        var target = fit.Target;
        var folds = TargetFolds.Assign(target.Count, settings.Folds, settings.Seed, settings.Groups);
        var errors = new double[target.Count];
        var raw = new double[target.Count];
        FoldEnsembles.Run(fit, folds, (rows, held, predictions) =>
        {
            var trees = forest.Predict(forest.Train(Enumerable.Range(0, target.Count).Except(rows).ToArray()), rows);
            for (var i = 0; i < held.Count; i++)
            {
                // As the transformer computes them: the members' sample SD around their mean, the mean then in single precision.
                var (mean, sd) = FoldEnsembles.Spread(predictions, i);
                var a = (double)(float)mean;
                errors[rows[i]] = held.Targets![i] - BlendSpread.Mean(a, trees[i]);
                raw[rows[i]] = BlendSpread.Raw(a, trees[i], sd);
            }
        });

        var spread = BlendSpread.Fit(errors, raw, settings.MinimumSpread);
        var result = new TransferAndForestCalibration(errors, raw, folds, spread.Floor, spread.Scale);
        fit.Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"{ComponentName}: σ = √({result.Floor:0.####}² + ({result.Scale:0.###}·r)²) GPa by {folds.Length}-fold CV ({result.Coverage68:P0} of held rows within ±1σ)."));
        return result;
    }

    // One key per alloy: its palette fractions (the first features) to 6 decimals, however the formula was written.
    private static string[] Compositions(float[][] features) =>
        features.Select(f => string.Join(",", f.Take(Chemistry.Palette.Count).Select(v => Math.Round(v, 6).ToString("R", CultureInfo.InvariantCulture)))).ToArray();

    /// <summary>The forest's rows, trained on any subset with one seed and one thread (reproducible).</summary>
    private sealed class ForestData(float[][] features, float[] labels, ForestOptions settings, int seed)
    {
        public RegressionPredictionTransformer<FastForestRegressionModelParameters> Train(IReadOnlyList<int> rows)
        {
            var ml = new MLContext(seed);
            var trainer = ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
            {
                LabelColumnName = nameof(ForestRow.Label),
                FeatureColumnName = TransferAndForestTransformer.ForestFeaturesColumnName,
                NumberOfTrees = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinimumExamplesPerLeaf,
                FeatureFraction = 1,
                NumberOfThreads = 1,
                Seed = seed,
            });
            return trainer.Fit(View(ml, rows));
        }

        public float[] Predict(RegressionPredictionTransformer<FastForestRegressionModelParameters> forest, IReadOnlyList<int> rows) =>
            forest.Transform(View(new MLContext(seed), rows)).GetColumn<float>("Score").ToArray();

        private IDataView View(MLContext ml, IReadOnlyList<int> rows) =>
            ml.Data.LoadFromEnumerable(rows.Select(r => new ForestRow { ForestFeatures = features[r], Label = labels[r] }));
    }
}
