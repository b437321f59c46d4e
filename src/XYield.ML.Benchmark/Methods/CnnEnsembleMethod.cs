using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Methods;

/// <summary>
/// An ensemble of a library CNN method (<see cref="YieldCnnTrainerOptions.EnsembleSize"/> members fine-tuned from the
/// cache's one pre-trained network, seeds seed … seed + K − 1): the members' mean, and for regression their standard
/// deviation as the prediction's uncertainty (the report's calibration table measures how far it can be trusted). With
/// <see cref="CalibratesSpread"/> ("pt-ensemble-cal") the spread is scaled by 5-fold cross-validation on the training part
/// (<see cref="YieldCnnTrainerOptions.SpreadCalibration"/>, folds hold whole compositions).
/// </summary>
public sealed class CnnEnsembleMethod : IUncertainBenchmarkMethod
{
    private readonly CnnMethod _single;

    /// <summary>Creates the entry for <paramref name="members"/> networks of <paramref name="method"/>.</summary>
    public CnnEnsembleMethod(YieldCnnMethod method, int members, PretrainedCache cache, bool calibratesSpread = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 2);
        _single = new CnnMethod(method, cache);
        Members = members;
        CalibratesSpread = calibratesSpread;
    }

    /// <summary>The number of networks averaged.</summary>
    public int Members { get; }

    /// <summary>Whether the spread is scaled by cross-validation on the training part.</summary>
    public bool CalibratesSpread { get; }

    /// <summary>The library method each member trains with.</summary>
    public YieldCnnMethod Method => _single.Method;

    /// <inheritdoc />
    public string Name => CalibratesSpread ? CalibratedNameOf(Method) : NameOf(Method);

    /// <inheritdoc />
    public string DisplayName => BenchmarkMethods.DisplayName(Name);

    /// <summary>The benchmark name of an ensemble of <paramref name="method"/>, e.g. "pt-ensemble".</summary>
    public static string NameOf(YieldCnnMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Name + "-ensemble";
    }

    /// <summary>The benchmark name of a spread-calibrated ensemble of <paramref name="method"/>, e.g. "pt-ensemble-cal".</summary>
    public static string CalibratedNameOf(YieldCnnMethod method) => NameOf(method) + "-cal";

    /// <inheritdoc />
    public bool Supports(YieldTask task) => Method.Supports(task);

    /// <inheritdoc />
    public IReadOnlyList<double> Predict(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var (scored, cnn) = _single.Score(fit, Members, CalibratesSpread && fit.Task == YieldTask.Regression);
        using (cnn)
        {
            return fit.Task == YieldTask.Regression
                ? scored.GetColumn<float>("Score").Select(v => (double)v).ToArray()
                : scored.GetColumn<uint>("PredictedLabel").Select(k => (double)k - 1).ToArray();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<(double Mean, double StandardDeviation)> PredictWithUncertainty(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var (scored, cnn) = _single.Score(fit, Members, CalibratesSpread && fit.Task == YieldTask.Regression);
        using (cnn)
        {
            var means = scored.GetColumn<float>("Score").ToArray();
            var deviations = scored.GetColumn<float>(YieldCnnPredictionTransformer.StandardDeviationColumnName).ToArray();
            // A spread of exactly 0 (identical members) would make every likelihood infinite: floor it at 1 MPa.
            return means.Select((m, i) => ((double)m, Math.Max(deviations[i], 1e-3))).ToArray();
        }
    }
}
