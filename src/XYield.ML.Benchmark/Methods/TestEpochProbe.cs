using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Benchmark.Methods;

/// <summary>
/// The best-test-epoch protocol's side of a CNN fit: after every epoch on the target data, predicts the test part with
/// the current weights and hands the predictions to <see cref="BenchmarkFit.OnEpoch"/>.
/// </summary>
internal static class TestEpochProbe
{
    /// <summary>The trainer's epoch callback for <paramref name="fit"/>, or null when its protocol needs none.</summary>
    /// <param name="fit">The partition being fitted.</param>
    /// <param name="ml">The fit's context.</param>
    public static Action<TrainingEpoch>? For(BenchmarkFit fit, MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.OnEpoch is not { } report)
        {
            return null;
        }

        // The same featurizer as the method's pipeline, fitted on the training rows as there.
        var images = ml.Transforms.FeaturizeAlloy().Fit(fit.Train.ToDataView(ml)).Transform(fit.Test.ToDataView(ml))
            .GetColumn<float[]>("Image").SelectMany(image => image).ToArray();
        return epoch =>
        {
            // Pre-training epochs have not seen the target data yet; the protocol selects among fine-tuning epochs.
            if (!epoch.TrainsOnTarget)
            {
                return;
            }

            IReadOnlyList<double> predicted = fit.Task == YieldTask.Regression
                ? epoch.Predict(images).Select(v => (double)v).ToArray()
                : epoch.PredictClasses(images).Select(c => (double)c).ToArray();
            report(epoch.TargetEpoch, predicted);
        };
    }
}
