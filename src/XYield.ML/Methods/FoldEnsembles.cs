using System.Globalization;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods;

/// <summary>
/// The cross-validation loop the spread calibrations share: on each fold the fit's ensemble (same members, same seeds,
/// same stage, the same pre-trained network) trains on the other rows and predicts the held ones.
/// </summary>
internal static class FoldEnsembles
{
    /// <summary>
    /// Runs every fold and hands <paramref name="onFold"/> the held row indices, the held rows and each member's predictions
    /// of them (<c>predictions[member][row]</c>); the fold members are released after each call.
    /// </summary>
    public static void Run(MethodFit fit, int[][] folds, Action<int[], TrainingSet, float[][]> onFold)
    {
        var target = fit.Target;
        for (var f = 0; f < folds.Length; f++)
        {
            fit.Training.CancellationToken.ThrowIfCancellationRequested();
            var held = target.Subset(folds[f]);
            var label = string.Create(CultureInfo.InvariantCulture, $"CV spread, fold {f + 1}/{folds.Length}: ");
            var training = TargetFolds.Labelled(fit.Training, label) with { EpochCompleted = null, Log = null };
            var members = EnsembleTraining.TrainMembers(fit.Member(TargetFolds.TrainingPart(target, folds[f]), training));
            try
            {
                onFold(folds[f], held, members.Select(m => m.Predict(held.Images)).ToArray());
            }
            finally
            {
                Array.ForEach(members, m => m.Dispose());
            }
        }
    }

    /// <summary>The members' mean and sample standard deviation (0 for one member) of held row <paramref name="row"/>.</summary>
    public static (double Mean, double StandardDeviation) Spread(float[][] predictions, int row)
    {
        var mean = predictions.Average(p => (double)p[row]);
        var squares = predictions.Sum(p => (p[row] - mean) * (p[row] - mean));
        return (mean, predictions.Length > 1 ? Math.Sqrt(squares / (predictions.Length - 1)) : 0);
    }
}
