using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Benchmark.Report;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Methods;

/// <summary>
/// A CNN method of the library (No Pretraining, Pretrain-and-transfer, Mix Training, the sparse methods) as a benchmark
/// entry. Methods that fine-tune a pre-trained network take the cache's network of their task (dense or sparse). With
/// <see cref="SelectsEpoch"/> the entry ("pt-cv") stops fine-tuning at the epoch chosen by 5-fold cross-validation on the
/// training part (folds hold whole compositions) instead of after the last epoch.
/// </summary>
public sealed class CnnMethod : IBenchmarkMethod
{
    /// <summary>The folds of the epoch selection of the "-cv" entries and of the spread calibration of the "-cal" ones.</summary>
    public const int EpochSelectionFolds = 5;

    private readonly PretrainedCache _cache;

    /// <summary>Creates the entry for <paramref name="method"/>, trained for every epoch or (<paramref name="selectsEpoch"/>) to the cross-validated one.</summary>
    public CnnMethod(YieldCnnMethod method, PretrainedCache cache, bool selectsEpoch = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        Method = method;
        _cache = cache;
        SelectsEpoch = selectsEpoch;
    }

    /// <summary>The library method.</summary>
    public YieldCnnMethod Method { get; }

    /// <summary>Whether the fine-tuning epoch is chosen by cross-validation on the training part.</summary>
    public bool SelectsEpoch { get; }

    /// <inheritdoc />
    public string Name => SelectsEpoch ? NameWithEpochSelection(Method) : Method.Name;

    /// <summary>The benchmark name of <paramref name="method"/> with its epoch chosen by cross-validation, e.g. "pt-cv".</summary>
    public static string NameWithEpochSelection(YieldCnnMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Name + "-cv";
    }

    /// <inheritdoc />
    public string DisplayName => BenchmarkMethods.DisplayName(Name);

    /// <inheritdoc />
    public bool Supports(YieldTask task) => Method.Supports(task);

    /// <summary>Whether the method learns masks, so its runs carry a sparsity report.</summary>
    public bool IsSparse => Method.IsSparse;

    /// <inheritdoc />
    public IReadOnlyList<double> Predict(BenchmarkFit fit)
    {
        var (scored, cnn) = Score(fit, ensembleSize: 1, calibrateSpread: false);
        using (cnn)
        {
            return fit.Task == YieldTask.Regression
                ? scored.GetColumn<float>("Score").Select(v => (double)v).ToArray()
                : scored.GetColumn<uint>("PredictedLabel").Select(k => (double)k - 1).ToArray();
        }
    }

    /// <summary>
    /// Trains the method (K members when <paramref name="ensembleSize"/> &gt; 1, their spread scaled by cross-validation
    /// when <paramref name="calibrateSpread"/>) on the fit's training points and scores its test points.
    /// </summary>
    internal (IDataView Scored, YieldCnnPredictionTransformer Cnn) Score(BenchmarkFit fit, int ensembleSize, bool calibrateSpread)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var ml = new MLContext(fit.Seed);
        var options = _cache.Settings.TrainerOptions(fit.Task, fit.Seed, fit.Cancellation);
        options.Method = Method;
        options.EnsembleSize = ensembleSize;
        options.Progress = fit.Progress;
        options.EpochCompleted = ensembleSize == 1 ? TestEpochProbe.For(fit, ml) : null;
        if (Method == YieldCnnMethod.BiRpt && _cache.Settings.BiRptSearch is { } search)
        {
            // Folds hold whole compositions, so a validation fold never holds an alloy its training part saw at another temperature.
            options.BiRptSearch = search;
            options.SearchGroupColumnName = "Formula";
        }

        if (calibrateSpread)
        {
            options.SpreadCalibration = new Training.CrossValidation.SpreadCalibrationOptions { Folds = EpochSelectionFolds };
            options.SearchGroupColumnName = "Formula";
        }

        if (SelectsEpoch)
        {
            options.EpochSelection = new Training.CrossValidation.EpochSelectionOptions { Folds = EpochSelectionFolds };
            options.SearchGroupColumnName = "Formula";
        }

        // Pre-training happens once per configuration in the cache (and its on-disk store), never inside a fine-tune:
        // the dense network for pt, transfer-sparse and Bi-RPT, the m_s network for Hand-Tune and pretrain-sparse.
        // Mix Training is one joint training on both domains; Bi-RPT's lower level keeps training on the source data.
        options.SourceData = Method.UsesSourceData ? _cache.Source(fit.Task) : null;
        options.Pretrained = Method.Pretraining switch
        {
            PretrainingNeed.Dense => _cache.Dense(fit.Task, fit.Progress, fit.Cancellation),
            PretrainingNeed.Sparse => _cache.Sparse(fit.Task, options.Sparsity, fit.Progress, fit.Cancellation),
            _ => null,
        };
        IEstimator<ITransformer> trainer = fit.Task == YieldTask.Regression
            ? ml.Regression.Trainers.YieldCnn(options)
            : ml.MulticlassClassification.Trainers.YieldCnn(options);

        var train = YieldLabels.WithLabel(ml, fit.Train.ToDataView(ml), fit.Task);
        var test = YieldLabels.WithLabel(ml, fit.Test.ToDataView(ml), fit.Task);
        var model = ml.Transforms.FeaturizeAlloy().Append(trainer).Fit(train);
        var cnn = (YieldCnnPredictionTransformer)model.LastTransformer;
        if (cnn.EpochSelection is { } epochs)
        {
            fit.OnEpochChoice?.Invoke(new EpochChoice(epochs.ChosenEpoch, epochs.MaxEpoch, epochs.ChosenMean, epochs.FinalMean));
        }

        if (IsSparse)
        {
            fit.OnSparsity?.Invoke(cnn.Sparsity);
            if (cnn.BiRptSearch is { } result)
            {
                fit.OnSearch?.Invoke(result.Scores.Select(s => new SearchEntry(s.Label, s.Mean, s.MeanJointSparsity, s == result.Best)).ToArray());
            }
        }

        return (model.Transform(test), cnn);
    }
}
