using System.Diagnostics;
using System.Globalization;
using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>
/// The one epoch loop every method runs through: per epoch the stage's schedule, then per step a dispose scope, the
/// stage's loss, the divergence check, the stage's update, progress with time left, and cancellation between steps; at the
/// end of every epoch the <see cref="TrainingOptions.EpochCompleted"/> callback, predicting through the stage's weights.
/// </summary>
internal static class EpochLoop
{
    /// <summary>Runs <paramref name="fit"/>'s epochs of <paramref name="stage"/> on <paramref name="model"/>.</summary>
    /// <param name="stageName">The name in progress reports and errors ("fine-tuning", "bi-rpt", …).</param>
    /// <param name="model">The network; in training mode during the loop, in evaluation mode after it.</param>
    /// <param name="fit">The fit's settings, device and target-epoch count.</param>
    /// <param name="stage">The method-specific steps.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite (names the stage, epoch and step).</exception>
    /// <exception cref="OperationCanceledException">The fit's token fired (checked before every step).</exception>
    public static void Run(string stageName, YieldCnn model, FitSettings fit, TrainingStage stage)
    {
        var options = fit.Options;
        // StopAfterEpoch ends the loop early; the stage's schedule still spans MaxEpoch (BeginEpoch reads it).
        var maxEpoch = fit.Stage.EpochsToRun;
        var stepsPerEpoch = stage.StepsPerEpoch;
        var clock = Stopwatch.StartNew();
        var totalSteps = (long)maxEpoch * stepsPerEpoch;
        long stepsDone = 0;
        long samples = 0;
        model.train();
        for (var epoch = 0; epoch < maxEpoch; epoch++)
        {
            var learningRate = stage.BeginEpoch(epoch);
            var lossSum = 0.0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                float lossValue;
                using (NewDisposeScope())
                {
                    var (loss, count) = stage.Loss(step);
                    lossValue = loss.item<float>();
                    if (!float.IsFinite(lossValue))
                    {
                        throw new TrainingDivergedException(string.Create(
                            CultureInfo.InvariantCulture,
                            $"The {stageName} loss became {lossValue} at epoch {epoch + 1}, step {step + 1}; {stage.DivergenceAdvice}."));
                    }

                    stage.Update(loss);
                    samples += count;
                }

                lossSum += lossValue;
                stepsDone++;
                if (options.Progress is { } progress && ((step + 1) % options.ProgressInterval == 0 || step + 1 == stepsPerEpoch))
                {
                    var elapsed = clock.Elapsed;
                    progress.Report(new TrainingProgress(
                        stageName,
                        epoch + 1,
                        maxEpoch,
                        step + 1,
                        stepsPerEpoch,
                        lossSum / (step + 1),
                        learningRate,
                        samples / Math.Max(elapsed.TotalSeconds, 1e-9),
                        elapsed,
                        elapsed * ((double)(totalSteps - stepsDone) / stepsDone),
                        fit.Device.ToString()));
                }
            }

            EndEpoch(stageName, epoch + 1, fit, model, stage.PredictionWeights);
        }

        model.eval();
        stage.Finish();
    }

    // Counts target epochs and hands the epoch to the caller's callback, predicting through weightOf.
    private static void EndEpoch(string stageName, int epoch, FitSettings fit, YieldCnn model, Func<PrunableLayer, Tensor>? weightOf)
    {
        var targetEpoch = fit.OnTarget ? ++fit.TargetEpochs.Value : 0;
        if (fit.Options.EpochCompleted is { } callback)
        {
            new TrainingEpoch(stageName, epoch, fit.Stage.EpochsToRun, targetEpoch, model, fit.Device, weightOf).Report(callback);
        }
    }
}
