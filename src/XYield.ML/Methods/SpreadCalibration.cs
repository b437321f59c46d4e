using System.Globalization;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods;

/// <summary>
/// Scales a regression ensemble's spread by K-fold cross-validation on the target TRAINING part: on each fold the same K
/// members (same seeds, same stage) train on the other rows; the held rows' errors over the fold ensemble's spread are
/// the standardised errors the scale s = √(mean z²) is fitted to (<see cref="Estimators.YieldCnnTrainerOptions.SpreadCalibration"/>).
/// </summary>
internal static class SpreadCalibration
{
    public static SpreadCalibrationResult Run(MethodFit fit, SpreadCalibrationOptions calibration)
    {
        var target = fit.Target;
        var folds = TargetFolds.Assign(target.Count, calibration.Folds, calibration.Seed, calibration.Groups);
        var errors = new double[target.Count];
        for (var f = 0; f < folds.Length; f++)
        {
            var rest = TargetFolds.TrainingPart(target, folds[f]);
            var held = target.Subset(folds[f]);
            var label = string.Create(CultureInfo.InvariantCulture, $"CV spread, fold {f + 1}/{folds.Length}: ");
            var training = TargetFolds.Labelled(fit.Training, label) with { EpochCompleted = null, Log = null };
            var members = EnsembleTraining.TrainMembers(fit.Member(rest, training));
            try
            {
                var predictions = members.Select(m => m.Predict(held.Images)).ToArray();
                for (var i = 0; i < held.Count; i++)
                {
                    var values = predictions.Select(p => (double)p[i]).ToArray();
                    var mean = values.Average();
                    var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
                    errors[folds[f][i]] = (held.Targets![i] - mean) / Math.Max(sd, calibration.MinimumSpread);
                }
            }
            finally
            {
                Array.ForEach(members, m => m.Dispose());
            }
        }

        var result = new SpreadCalibrationResult(errors, folds);
        fit.Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"{Estimators.YieldCnnTrainer.ComponentName}: spread scale {result.Scale:0.###} by {folds.Length}-fold CV ({result.RawCoverage68:P0} of held rows within ±1 raw σ; nominal 68 %)."));
        return result;
    }
}
