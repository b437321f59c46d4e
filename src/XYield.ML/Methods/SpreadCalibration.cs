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
        FoldEnsembles.Run(fit, folds, (rows, held, predictions) =>
        {
            for (var i = 0; i < held.Count; i++)
            {
                var (mean, sd) = FoldEnsembles.Spread(predictions, i);
                errors[rows[i]] = (held.Targets![i] - mean) / Math.Max(sd, calibration.MinimumSpread);
            }
        });

        var result = new SpreadCalibrationResult(errors, folds);
        fit.Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"{Estimators.YieldCnnTrainer.ComponentName}: spread scale {result.Scale:0.###} by {folds.Length}-fold CV ({result.RawCoverage68:P0} of held rows within ±1 raw σ; nominal 68 %)."));
        return result;
    }
}
