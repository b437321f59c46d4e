using System.Globalization;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods;

/// <summary>
/// Chooses the epoch of the method's last target-data stage (<see cref="YieldCnnMethod.SelectableStage"/>) by K-fold
/// cross-validation on the target TRAINING part, never the test set: each fold's other rows are trained with the method for
/// the full schedule from the fit's pre-trained network, and its held rows are scored after every epoch of that stage (through the <see cref="TrainingOptions.EpochCompleted"/> hook, which changes nothing
/// in the training). Cost: K fits on (K − 1)/K of the rows, then the final fit.
/// </summary>
internal static class EpochSelection
{
    public static EpochSelectionResult Run(MethodFit fit, EpochSelectionOptions selection)
    {
        var target = fit.Target;
        var training = fit.Training;
        var stage = fit.Method.SelectableStage(fit.Options);
        var epochs = stage.Epochs;
        var folds = TargetFolds.Assign(target.Count, selection.Folds, selection.Seed, selection.Groups);
        var curves = new double[folds.Length][];
        for (var f = 0; f < folds.Length; f++)
        {
            training.CancellationToken.ThrowIfCancellationRequested();
            var held = target.Subset(folds[f]);
            var curve = curves[f] = Enumerable.Repeat(double.NaN, epochs).ToArray();
            var label = string.Create(CultureInfo.InvariantCulture, $"CV epoch, fold {f + 1}/{folds.Length}: ");
            // The caller's epoch callback follows the final fit only; the folds report to this one.
            var foldTraining = TargetFolds.Labelled(training, label) with
            {
                EpochCompleted = e =>
                {
                    // The stage by name, its epochs by its own count; the target-epoch count cross-checks the position.
                    if (e.Stage == stage.Name && e.TargetEpoch == stage.TargetEpochsBefore + e.Epoch && e.Epoch <= epochs)
                    {
                        curve[e.Epoch - 1] = TargetFolds.Metric(held, e.Predict(held.Images));
                    }
                },
            };
            using (fit.Method.Train(fit.Member(TargetFolds.TrainingPart(target, folds[f]), foldTraining)))
            {
            }

            if (Array.FindIndex(curve, double.IsNaN) is var missing and >= 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{fit.Method.DisplayName} reported no epoch {missing + 1} of its last target stage in fold {f + 1}; epoch selection expected the stage '{stage.Name}' with {epochs} epochs after {stage.TargetEpochsBefore} earlier target epochs."));
            }

            training.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{label}last epoch {curve[^1]:0.#####}"));
        }

        var result = new EpochSelectionResult(target.Task, stage.Name, curves, folds);
        training.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"CV epoch: chosen {result.ChosenEpoch}/{result.MaxEpoch}, mean {result.MetricName} {result.ChosenMean:0.#####} (last epoch {result.FinalMean:0.#####})."));
        return result;
    }
}
