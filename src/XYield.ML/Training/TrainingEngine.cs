using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Runtime;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>
/// The training methods of design.md §5 over in-memory data, below the ML.NET layer: No Pretraining,
/// Pretrain-and-Transfer (<see cref="Pretrain"/> then <see cref="FineTune"/>) and Mix Training
/// (Chen et al., CPAL 2024, §5 and Appendix B.1). Each call is one synchronous fit on the calling thread.
/// </summary>
public static partial class TrainingEngine
{
    /// <summary>No Pretraining: trains a fresh network on the target data only.</summary>
    /// <param name="target">The (experimental) training data.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's fine-tuning settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel TrainWithoutPretraining(
        TrainingSet target, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var fit = Begin(network ?? DefaultsFor(target), stage ?? StageOptions.PaperFineTuning, options, onTarget: true, out var device);
        var model = NewNetwork(fit.Network, device, target, nameof(target));
        return Train(model, () => new TrainedYieldModel(model, device), () =>
            RunSingle("training", model, device, target, fit));
    }

    /// <summary>Pre-training: trains a fresh network on the source (simulated) data.</summary>
    /// <param name="source">The source training data.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's pre-training settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    /// <returns>The pre-trained network, on the CPU, ready to be saved or fine-tuned any number of times.</returns>
    public static PretrainedNetwork Pretrain(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var fit = Begin(network ?? DefaultsFor(source), stage ?? StageOptions.PaperPretraining, options, onTarget: false, out var device);
        if (fit.Network.HasSourceHead)
        {
            throw new ArgumentException("A pre-trained network has a single head: set HasSourceHead = false.", nameof(network));
        }

        var model = NewNetwork(fit.Network, device, source, nameof(source));
        return Train(model, () => new PretrainedNetwork(model.to(CPU)), () =>
            RunSingle("pretraining", model, device, source, fit));
    }

    /// <summary>Transfer: fine-tunes a clone of a pre-trained network on the target data; the pre-trained network is not modified.</summary>
    /// <param name="pretrained">The pre-trained network.</param>
    /// <param name="target">The (experimental) training data.</param>
    /// <param name="stage">The stage settings; null for the paper's fine-tuning settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel FineTune(
        PretrainedNetwork pretrained, TrainingSet target, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(target);
        var fit = Begin(pretrained.NetworkOptions, stage ?? StageOptions.PaperFineTuning, options, onTarget: true, out var device);
        CheckCompatible(fit.Network, target, nameof(target));
        var model = pretrained.CloneNetwork();
        model.to(device);
        return Train(model, () => new TrainedYieldModel(model, device), () =>
            RunSingle("fine-tuning", model, device, target, fit));
    }

    /// <summary>
    /// Mix Training: one trunk with a source head and a target head; every step takes a source batch and a target
    /// batch and minimises the sum of their losses. An epoch is one pass over the source data; the target data
    /// cycles, reshuffled at each pass.
    /// </summary>
    /// <param name="source">The source (simulated) training data.</param>
    /// <param name="target">The target (experimental) training data.</param>
    /// <param name="network">The architecture (the source head is added); null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's pre-training settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    /// <returns>The model, predicting with the target head.</returns>
    public static TrainedYieldModel MixTrain(
        TrainingSet source, TrainingSet target, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var architecture = (network ?? DefaultsFor(target)) with { HasSourceHead = true };
        var fit = Begin(architecture, stage ?? StageOptions.PaperPretraining, options, onTarget: true, out var device);
        CheckCompatible(fit.Network, source, nameof(source));
        var model = NewNetwork(fit.Network, device, target, nameof(target));
        return Train(model, () => new TrainedYieldModel(model, device), () =>
        {
            var random = new Random(fit.Options.Seed);
            using var sourceBatches = new BatchFeeder(source, fit.Stage.BatchSize, random, device);
            using var targetBatches = new BatchFeeder(target, fit.Stage.BatchSize, random, device);
            RunEpochs("mix-training", model, device, fit, sourceBatches.StepsPerEpoch, sourceBatches.Shuffle, step =>
            {
                var (sourceImages, sourceLabels) = sourceBatches.Batch(step);
                var (targetImages, targetLabels) = targetBatches.Next();
                var loss = Loss(fit.Network.Task, model.forward(sourceImages, YieldHead.Source, null), sourceLabels)
                    + Loss(fit.Network.Task, model.forward(targetImages, YieldHead.Target, null), targetLabels);
                return (loss, (int)(sourceImages.shape[0] + targetImages.shape[0]));
            });
        });
    }

    internal static YieldCnnOptions DefaultsFor(TrainingSet data) =>
        new() { ImageShape = data.Shape, Task = data.Task, ClassCount = data.Task == YieldTask.Classification ? data.ClassCount : 5 };

    /// <summary>The settings of one fit, validated and with the seed and threads applied.</summary>
    /// <param name="Network">The architecture.</param>
    /// <param name="Stage">The stage settings.</param>
    /// <param name="Options">Device, seed, feedback and cancellation.</param>
    /// <param name="OnTarget">Whether the fit trains on the target data (everything but pre-training).</param>
    private sealed record Fit(YieldCnnOptions Network, StageOptions Stage, TrainingOptions Options, bool OnTarget)
    {
        /// <summary>Target epochs done; one object shared by the <c>with</c> copies of IMP rounds, so the count runs across rounds.</summary>
        public EpochCount TargetEpochs { get; init; } = new();
    }

    private sealed class EpochCount
    {
        public int Value { get; set; }
    }

    private static Fit Begin(YieldCnnOptions network, StageOptions stage, TrainingOptions? options, bool onTarget, out Device device)
    {
        options ??= new TrainingOptions();
        network.Validate();
        stage.Validate();
        options.Validate();
        TorchBackend.EnsureAvailable();
        device = TorchDevices.Resolve(options.Device, options.AllowCpuFallback, options.Log);
        if (options.CpuThreads is int threads)
        {
            torch.set_num_threads(threads);
        }

        // Once per fit: the weight initialisation is reproducible; nothing reseeds later.
        torch.manual_seed(options.Seed);
        return new Fit(network, stage, options, onTarget);
    }

    private static YieldCnn NewNetwork(YieldCnnOptions network, Device device, TrainingSet data, string name)
    {
        CheckCompatible(network, data, name);
        var model = new YieldCnn(network);
        return model.to(device);
    }

    private static void CheckCompatible(YieldCnnOptions network, TrainingSet data, string name)
    {
        if (data.Shape != network.ImageShape)
        {
            throw new ArgumentException($"The {name} images are {data.Shape} but the network expects {network.ImageShape}.", name);
        }

        if (data.Task != network.Task)
        {
            throw new ArgumentException($"The {name} data is for {data.Task} but the network is built for {network.Task}.", name);
        }

        if (data.Task == YieldTask.Classification && data.ClassCount != network.ClassCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {name} data has {data.ClassCount} classes but the network has {network.ClassCount}."),
                name);
        }
    }

    // Runs the training and wraps the result; on any failure (cancellation included) the network is released first.
    private static T Train<T>(YieldCnn model, Func<T> result, Action run)
    {
        try
        {
            run();
            return result();
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    // weightOf substitutes (masked) weights in the forward pass; afterStep runs after every optimiser step (e.g. re-applies masks).
    private static void RunSingle(
        string stageName, YieldCnn model, Device device, TrainingSet data, Fit fit, Func<PrunableLayer, Tensor>? weightOf = null, Action? afterStep = null)
    {
        using var batches = new BatchFeeder(data, fit.Stage.BatchSize, new Random(fit.Options.Seed), device);
        RunEpochs(stageName, model, device, fit, batches.StepsPerEpoch, batches.Shuffle, step =>
        {
            var (images, labels) = batches.Batch(step);
            return (Loss(fit.Network.Task, model.forward(images, YieldHead.Target, weightOf), labels), (int)images.shape[0]);
        }, afterStep, weightOf);
    }

    private static Tensor Loss(YieldTask task, Tensor output, Tensor labels) =>
        task == YieldTask.Regression
            ? nn.functional.mse_loss(output, labels)
            : nn.functional.cross_entropy(output, labels);

    // The epoch loop shared by every method: schedule, shuffle, steps, divergence check, progress, cancellation.
    // lossOfStep computes a step's loss inside the step's dispose scope and says how many samples it used; weightOf is
    // what the stage trains with, so the end-of-epoch callback predicts through the same masks.
    private static void RunEpochs(
        string stageName,
        YieldCnn model,
        Device device,
        Fit fit,
        int stepsPerEpoch,
        Action beginEpoch,
        Func<int, (Tensor Loss, int Samples)> lossOfStep,
        Action? afterStep = null,
        Func<PrunableLayer, Tensor>? weightOf = null)
    {
        var stage = fit.Stage;
        var options = fit.Options;
        using var optimizer = CreateOptimizer(model, stage);
        var clock = Stopwatch.StartNew();
        var totalSteps = (long)stage.MaxEpoch * stepsPerEpoch;
        long stepsDone = 0;
        long samples = 0;
        model.train();
        for (var epoch = 0; epoch < stage.MaxEpoch; epoch++)
        {
            var learningRate = LearningRates.At(stage, epoch);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }

            beginEpoch();
            var lossSum = 0.0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                float lossValue;
                using (NewDisposeScope())
                {
                    optimizer.zero_grad();
                    var (loss, count) = lossOfStep(step);
                    lossValue = loss.item<float>();
                    if (!float.IsFinite(lossValue))
                    {
                        throw new TrainingDivergedException(string.Create(
                            CultureInfo.InvariantCulture,
                            $"The {stageName} loss became {lossValue} at epoch {epoch + 1}, step {step + 1}; lower the learning rate or check the data."));
                    }

                    loss.backward();
                    optimizer.step();
                    afterStep?.Invoke();
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
                        stage.MaxEpoch,
                        step + 1,
                        stepsPerEpoch,
                        lossSum / (step + 1),
                        learningRate,
                        samples / Math.Max(elapsed.TotalSeconds, 1e-9),
                        elapsed,
                        elapsed * ((double)(totalSteps - stepsDone) / stepsDone),
                        device.ToString()));
                }
            }

            EndEpoch(stageName, epoch + 1, fit, model, device, weightOf);
        }

        model.eval();
    }

    // Counts target epochs and hands the epoch to the caller's callback, predicting through weightOf.
    private static void EndEpoch(string stageName, int epoch, Fit fit, YieldCnn model, Device device, Func<PrunableLayer, Tensor>? weightOf)
    {
        var targetEpoch = fit.OnTarget ? ++fit.TargetEpochs.Value : 0;
        if (fit.Options.EpochCompleted is { } callback)
        {
            new TrainingEpoch(stageName, epoch, fit.Stage.MaxEpoch, targetEpoch, model, device, weightOf).Report(callback);
        }
    }

    private static optim.Optimizer CreateOptimizer(YieldCnn model, StageOptions stage) =>
        stage.Optimizer == OptimizerKind.Adam
            ? optim.Adam(model.parameters(), stage.LearningRate, weight_decay: stage.WeightDecay)
            : optim.SGD(model.parameters(), stage.LearningRate, stage.Momentum, weight_decay: stage.WeightDecay);
}
