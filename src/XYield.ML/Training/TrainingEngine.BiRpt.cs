using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using static TorchSharp.torch;

namespace XYield.ML.Training;

// Bi-RPT (Chen et al., CPAL 2024, Algorithm 2, Eqs. 3–12): gated masks m_s and m_t learned by bi-level optimisation.
public static partial class TrainingEngine
{
    /// <summary>
    /// Bi-RPT from a pre-trained network (Algorithm 2 starts from θ trained on the source data). Every upper-level step:
    /// every <see cref="SparsityOptions.LowerLevelInterval"/> steps, <see cref="SparsityOptions.UnrollSteps"/> SGD steps of θ on
    /// source batches with the g_ε(m_s)-gated weights (λ_l); then on a target batch with the g_ε(m_s) ⊙ g_ε(m_t)-gated weights,
    /// θ takes an SGD step (λ_u times the fine-tuning schedule), m_t takes −λ_m ∂L_t/∂m_t and m_s takes
    /// −λ_m (∂L_t/∂m_s − λ_l ∇_{m_s}(∇θL_s · ∇θL_t)) (Eq. 10), and both masks pass the proximal soft threshold with
    /// γ·λ_m (Eqs. 11–12). ε decays every epoch. At the end the gates are multiplied into the weights and the masks become
    /// 0/1 (0 where a score reached exactly 0), so the model predicts with exactly the weights its masks keep.
    /// </summary>
    /// <param name="pretrained">The starting network (dense or carrying m_s); it is not modified.</param>
    /// <param name="source">Source (simulated) data for the lower level.</param>
    /// <param name="target">Target (experimental) data for the upper level.</param>
    /// <param name="stage">Epochs, batch size and learning-rate schedule; null for the paper's fine-tuning settings.</param>
    /// <param name="sparsity">The Bi-RPT coefficients; null for design.md's defaults.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel BiRpt(
        PretrainedNetwork pretrained, TrainingSet source, TrainingSet target, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        sparsity ??= new SparsityOptions();
        sparsity.Validate();
        var fit = Begin(pretrained.NetworkOptions, stage ?? StageOptions.PaperFineTuning, options, onTarget: true, out var device);
        CheckCompatible(fit.Network, source, nameof(source));
        CheckCompatible(fit.Network, target, nameof(target));
        var model = pretrained.CloneNetwork();
        model.to(device);
        return Train(model, () => new TrainedYieldModel(model, device), () => RunBiLevel(model, device, source, target, fit, sparsity));
    }

    private static void RunBiLevel(YieldCnn model, Device device, TrainingSet source, TrainingSet target, Fit fit, SparsityOptions sparsity)
    {
        var stage = fit.Stage;
        var options = fit.Options;
        using var stepper = new BiRptStepper(model, sparsity);
        var random = new Random(fit.Options.Seed);
        using var sourceBatches = new BatchFeeder(source, stage.BatchSize, random, device);
        using var targetBatches = new BatchFeeder(target, stage.BatchSize, random, device);
        var epsilon = sparsity.InitialEpsilon;
        var clock = Stopwatch.StartNew();
        var steps = targetBatches.StepsPerEpoch;
        long stepsDone = 0, samples = 0;
        model.train();
        for (var epoch = 0; epoch < stage.MaxEpoch; epoch++)
        {
            epsilon = Gate.Epsilon(epoch, sparsity.InitialEpsilon, sparsity.EpsilonDecay);
            var upperRate = sparsity.UpperLearningRate * LearningRates.At(stage, epoch) / stage.LearningRate;
            targetBatches.Shuffle();
            var lossSum = 0.0;
            for (var step = 0; step < steps; step++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor? sourceImages = null, sourceLabels = null;
                if (stepsDone % sparsity.LowerLevelInterval == 0)
                {
                    for (var p = 0; p < sparsity.UnrollSteps; p++)
                    {
                        (sourceImages, sourceLabels) = sourceBatches.Next();
                        stepper.LowerStep(sourceImages, sourceLabels, epsilon);
                        samples += sourceImages.shape[0];
                    }
                }

                var (targetImages, targetLabels) = targetBatches.Batch(step);
                var lossValue = stepper.UpperStep(targetImages, targetLabels, sourceImages, sourceLabels, epsilon, upperRate);
                if (!float.IsFinite(lossValue))
                {
                    throw new TrainingDivergedException(string.Create(CultureInfo.InvariantCulture,
                        $"The Bi-RPT target loss became {lossValue} at epoch {epoch + 1}, step {step + 1}; lower the learning rates or check the data."));
                }

                samples += targetImages.shape[0];
                lossSum += lossValue;
                stepsDone++;
                if (options.Progress is { } progress && ((step + 1) % options.ProgressInterval == 0 || step + 1 == steps))
                {
                    var elapsed = clock.Elapsed;
                    progress.Report(new TrainingProgress(
                        "bi-rpt", epoch + 1, stage.MaxEpoch, step + 1, steps, lossSum / (step + 1), upperRate,
                        samples / Math.Max(elapsed.TotalSeconds, 1e-9), elapsed,
                        elapsed * ((double)(((long)stage.MaxEpoch * steps) - stepsDone) / stepsDone), device.ToString()));
                }
            }

            // The model predicts through the gates of this epoch's ε, as the upper level trains it.
            var gateEpsilon = epsilon;
            EndEpoch("bi-rpt", epoch + 1, fit, model, device, l => stepper.GatedWeight(l, gateEpsilon));
        }

        model.eval();
        stepper.Freeze(epsilon);
    }
}
