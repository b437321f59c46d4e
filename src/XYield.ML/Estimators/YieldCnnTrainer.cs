using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Methods;
using XYield.ML.Methods.HandTune;
using XYield.ML.MlNetInternals;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;
using XYield.ML.Transforms;

namespace XYield.ML.Estimators;

/// <summary>
/// Trains the yield-strength CNN (<see cref="Models.YieldCnn"/>) with TorchSharp inside an ML.NET pipeline: No Pretraining,
/// Pretrain-and-Transfer or Mix Training (Chen et al., CPAL 2024), for regression (GPa) or the five YS classes.
/// Create it with <c>mlContext.Regression.Trainers.YieldCnn…</c> or <c>mlContext.MulticlassClassification.Trainers.YieldCnn…</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// | Characteristic | Value |
/// | -- | -- |
/// | Machine learning task | Regression or multiclass classification |
/// | Input features | Vector&lt;Single, 2, 9, 18&gt; pseudo-image (mlContext.Transforms.FeaturizePseudoImage) |
/// | Label | Single GPa (regression), Key&lt;UInt32, 5&gt; (classification; mlContext.Transforms.BinYieldStrength) |
/// | Output columns | Score (regression; with EnsembleSize &gt; 1 also ScoreStdDev); Score (probabilities) and PredictedLabel (classification) |
/// | Required NuGet in addition to XYield.ML | a TorchSharp backend: TorchSharp-cpu, TorchSharp-cuda-linux or TorchSharp-cuda-windows |
/// | GPU | CUDA when a CUDA backend is referenced and a GPU is present ("auto"), or forced with Options.Device |
/// ]]></format>
/// </remarks>
public sealed class YieldCnnTrainer : IEstimator<YieldCnnPredictionTransformer>
{
    internal const string ComponentName = "YieldCnn";

    private readonly YieldCnnTrainerOptions _options;

    internal YieldCnnTrainer(YieldCnnTrainerOptions options, YieldTask task)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.FeatureColumnName) || string.IsNullOrWhiteSpace(options.LabelColumnName))
        {
            throw new ArgumentException("Options.FeatureColumnName and Options.LabelColumnName must name columns.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Method, nameof(options.Method));
        options.Network = (options.Network ?? new YieldCnnOptions()) with { Task = task };
        options.Network.Validate();
        ArgumentNullException.ThrowIfNull(options.Pretraining, nameof(options.Pretraining));
        ArgumentNullException.ThrowIfNull(options.FineTuning, nameof(options.FineTuning));
        options.Pretraining.Validate();
        options.FineTuning.Validate();
        ArgumentNullException.ThrowIfNull(options.Sparsity, nameof(options.Sparsity));
        options.Sparsity.Validate();
        // After the stages and the sparsity are known to be there: the method's checks read them.
        options.Method.Validate(options, task);
        if (options.EnsembleSize is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EnsembleSize, $"Options.EnsembleSize must be between 1 and 64; got {options.EnsembleSize}.");
        }

        if (options.EnsembleSize > 1 && (options.RoundsSearch is not null || options.BiRptSearch is not null))
        {
            throw new ArgumentException("Options.EnsembleSize > 1 cannot be combined with a coefficient search (RoundsSearch, BiRptSearch): search once, then set the chosen coefficients and train the ensemble.", nameof(options));
        }

        if (options.SpreadCalibration is not null && (options.EnsembleSize < 2 || task != YieldTask.Regression))
        {
            throw new ArgumentException($"Options.SpreadCalibration scales a regression ensemble's ScoreStdDev: it needs EnsembleSize ≥ 2 and regression (got EnsembleSize {options.EnsembleSize}, {task}).", nameof(options));
        }

        if (!Enum.IsDefined(options.EnsembleResampling))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EnsembleResampling, "Options.EnsembleResampling must be Seeds or Bootstrap.");
        }

        options.Task = task;
        _options = options;
    }

    /// <summary>The settings this trainer fits with.</summary>
    public YieldCnnTrainerOptions Options => _options;

    /// <summary>Reads the training data, trains the network with the chosen method and returns the scoring transformer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type.</exception>
    /// <exception cref="InvalidDataException">A non-finite image value or label, or a class outside the keys (names the row).</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite (names the epoch and step).</exception>
    /// <exception cref="OperationCanceledException">The cancellation token fired; nothing is returned.</exception>
    public YieldCnnPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var shape = o.Network.ImageShape;
        var classes = o.Network.ClassCount;
        var target = TrainingDataReader.Read(input, "training data", o.FeatureColumnName, o.LabelColumnName, o.Task, classes, shape);
        var training = o.ToTrainingOptions();
        o.Log?.Invoke($"{ComponentName}: {o.Method.DisplayName}, {o.Task}, {target.Count} target rows, seed {training.Seed}, device {o.Device}.");

        using var fit = new MethodFit(o, target, training, () => ReadSource(o, shape, classes))
        {
            RoundsSearch = o.RoundsSearch is { } rounds ? rounds with { Groups = FoldGroups.Read(input, o.SearchGroupColumnName, "Options.SearchGroupColumnName") ?? rounds.Groups } : null,
            BiRptSearch = o.BiRptSearch is { } coefficients ? coefficients with { Groups = FoldGroups.Read(input, o.SearchGroupColumnName, "Options.SearchGroupColumnName") ?? coefficients.Groups } : null,
        };
        EpochSelectionResult? epochs = null;
        if (o.EpochSelection is { } selection)
        {
            selection = selection with { Groups = FoldGroups.Read(input, o.SearchGroupColumnName, "Options.SearchGroupColumnName") ?? selection.Groups };
            selection.Validate(target.Count);
            epochs = EpochSelection.Run(fit, selection);
            fit.ChosenEpoch = epochs.ChosenEpoch;
        }

        SpreadCalibrationResult? spread = null;
        if (o.SpreadCalibration is { } calibration)
        {
            calibration = calibration with { Groups = FoldGroups.Read(input, o.SearchGroupColumnName, "Options.SearchGroupColumnName") ?? calibration.Groups };
            calibration.Validate(target.Count);
            spread = SpreadCalibration.Run(fit, calibration);
        }

        var members = EnsembleTraining.TrainMembers(fit);
        return new YieldCnnPredictionTransformer(members, o.FeatureColumnName, ClassLabels(input.Schema[o.LabelColumnName], o.Task, classes), spread?.Scale ?? 1)
        {
            RoundsSearch = fit.RoundsSearchResult,
            BiRptSearch = fit.BiRptSearchResult,
            EpochSelection = epochs,
            SpreadCalibration = spread,
        };
    }

    /// <summary>The input columns plus Score (and PredictedLabel for classification); throws when a column is missing or of the wrong type.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        InputColumnChecks.Require(inputSchema, ComponentName, _options.FeatureColumnName, "a Vector<Single> pseudo-image",
            c => c.Kind == SchemaShape.Column.VectorKind.Vector && !c.IsKey && c.ItemType == NumberDataViewType.Single);
        var columns = inputSchema.ToDictionary(c => c.Name);
        if (_options.Task == YieldTask.Regression)
        {
            InputColumnChecks.Require(inputSchema, ComponentName, _options.LabelColumnName, "a Single yield strength in GPa",
                c => InputColumnChecks.IsScalarOf(c, NumberDataViewType.Single));
            columns["Score"] = SchemaShapeColumns.Scalar("Score", NumberDataViewType.Single);
            if (_options.EnsembleSize > 1)
            {
                columns[YieldCnnPredictionTransformer.StandardDeviationColumnName] = SchemaShapeColumns.Scalar(YieldCnnPredictionTransformer.StandardDeviationColumnName, NumberDataViewType.Single);
            }
        }
        else
        {
            InputColumnChecks.Require(inputSchema, ComponentName, _options.LabelColumnName, "a key-typed class label",
                c => c.IsKey && c.Kind == SchemaShape.Column.VectorKind.Scalar);
            columns["Score"] = SchemaShapeColumns.Vector("Score", NumberDataViewType.Single);
            columns["PredictedLabel"] = SchemaShapeColumns.Key("PredictedLabel", SchemaShapeColumns.KeyValuesAnnotation());
        }

        return new SchemaShape(columns.Values);
    }

    /// <summary>Pre-trains a network on source data, to be reused by any number of Pretrain-and-Transfer fits.</summary>
    internal static PretrainedNetwork Pretrain(IDataView source, YieldCnnTrainerOptions options, YieldTask task)
    {
        options.Network = (options.Network ?? new YieldCnnOptions()) with { Task = task };
        options.Task = task;
        var set = TrainingDataReader.Read(source, "source data", options.FeatureColumnName, options.LabelColumnName, task, options.Network.ClassCount, options.Network.ImageShape);
        return TrainingEngine.Pretrain(set, options.Network, options.Pretraining, options.ToTrainingOptions());
    }

    private static TrainingSet ReadSource(YieldCnnTrainerOptions o, ImageShape shape, int classes) =>
        TrainingDataReader.Read(o.SourceData!, "source data", o.FeatureColumnName, o.LabelColumnName, o.Task, classes, shape);

    private static string[] ClassLabels(DataViewSchema.Column label, YieldTask task, int classes)
    {
        if (task == YieldTask.Regression)
        {
            return [];
        }

        if (label.HasKeyValues())
        {
            VBuffer<ReadOnlyMemory<char>> values = default;
            label.GetKeyValues(ref values);
            var names = values.DenseValues().Select(v => v.ToString()).ToArray();
            if (names.Length == classes)
            {
                return names;
            }
        }

        return Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
