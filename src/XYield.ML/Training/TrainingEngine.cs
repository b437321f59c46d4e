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
        return Fit(
            new FitStart(network ?? DefaultsFor(target), stage ?? StageOptions.PaperFineTuning, options, OnTarget: true) { Data = [(target, nameof(target))] },
            (model, fit) => RunSingle("training", model, target, fit),
            (model, fit) => new TrainedYieldModel(model, fit.Device));
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
        return Fit(
            PretrainingStart(source, network, stage, options),
            (model, fit) => RunSingle("pretraining", model, source, fit),
            (model, _) => new PretrainedNetwork(model.to(CPU)));
    }

    /// <summary>Transfer: fine-tunes a clone of a pre-trained network on the target data; the pre-trained network is not modified.</summary>
    /// <param name="pretrained">The pre-trained network.</param>
    /// <param name="target">The (experimental) training data.</param>
    /// <param name="stage">The stage settings; null for the paper's fine-tuning settings.</param>
    /// <param name="options">Device, seed, progress, cancellation; null for the defaults.</param>
    public static TrainedYieldModel FineTune(
        PretrainedNetwork pretrained, TrainingSet target, StageOptions? stage = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Fit(
            TransferStart(pretrained, stage, options, (target, nameof(target))),
            (model, fit) => RunSingle("fine-tuning", model, target, fit),
            (model, fit) => new TrainedYieldModel(model, fit.Device));
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
        return Fit(
            new FitStart(architecture, stage ?? StageOptions.PaperPretraining, options, OnTarget: true) { Data = [(source, nameof(source)), (target, nameof(target))] },
            (model, fit) =>
            {
                var random = new Random(fit.Options.Seed);
                using var sourceBatches = new BatchFeeder(source, fit.Stage.BatchSize, random, fit.Device);
                using var targetBatches = new BatchFeeder(target, fit.Stage.BatchSize, random, fit.Device);
                using var mix = new OptimizerStage(model, fit.Stage, sourceBatches.StepsPerEpoch, sourceBatches.Shuffle, step =>
                {
                    var (sourceImages, sourceLabels) = sourceBatches.Batch(step);
                    var (targetImages, targetLabels) = targetBatches.Next();
                    var loss = YieldLoss.Of(fit.Network.Task, model.forward(sourceImages, YieldHead.Source, null), sourceLabels)
                        + YieldLoss.Of(fit.Network.Task, model.forward(targetImages, YieldHead.Target, null), targetLabels);
                    return (loss, (int)(sourceImages.shape[0] + targetImages.shape[0]));
                });
                EpochLoop.Run("mix-training", model, fit, mix);
            },
            (model, fit) => new TrainedYieldModel(model, fit.Device));
    }

    internal static YieldCnnOptions DefaultsFor(TrainingSet data) =>
        new() { ImageShape = data.Shape, Task = data.Task, ClassCount = data.Task == YieldTask.Classification ? data.ClassCount : 5 };

    /// <summary>Where a fit starts: its settings, the data to check against the architecture, and the network to clone (null: a fresh one).</summary>
    private sealed record FitStart(YieldCnnOptions Network, StageOptions Stage, TrainingOptions? Options, bool OnTarget)
    {
        public PretrainedNetwork? From { get; init; }

        public IReadOnlyList<(TrainingSet Data, string Name)> Data { get; init; } = [];
    }

    private static FitStart PretrainingStart(TrainingSet source, YieldCnnOptions? network, StageOptions? stage, TrainingOptions? options)
    {
        var architecture = network ?? DefaultsFor(source);
        if (architecture.HasSourceHead)
        {
            throw new ArgumentException("A pre-trained network has a single head: set HasSourceHead = false.", nameof(network));
        }

        return new FitStart(architecture, stage ?? StageOptions.PaperPretraining, options, OnTarget: false) { Data = [(source, nameof(source))] };
    }

    private static FitStart TransferStart(PretrainedNetwork pretrained, StageOptions? stage, TrainingOptions? options, params (TrainingSet, string)[] data)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        return new FitStart(pretrained.NetworkOptions, stage ?? StageOptions.PaperFineTuning, options, OnTarget: true) { From = pretrained, Data = data };
    }

    // The prologue of every entry point, written once: validate, seed, resolve the device, check the data against the
    // architecture, build (or clone) the network and move it to the device; then train, and wrap the result. On any failure
    // (cancellation included) the network is released before the exception leaves.
    private static T Fit<T>(FitStart start, Action<YieldCnn, FitSettings> train, Func<YieldCnn, FitSettings, T> result)
    {
        var fit = Begin(start.Network, start.Stage, start.Options, start.OnTarget);
        foreach (var (data, name) in start.Data)
        {
            CheckCompatible(fit.Network, data, name);
        }

        var model = start.From?.CloneNetwork() ?? new YieldCnn(fit.Network);
        model.to(fit.Device);
        try
        {
            train(model, fit);
            return result(model, fit);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static FitSettings Begin(YieldCnnOptions network, StageOptions stage, TrainingOptions? options, bool onTarget)
    {
        options ??= new TrainingOptions();
        network.Validate();
        stage.Validate();
        options.Validate();
        TorchBackend.EnsureAvailable();
        var device = TorchDevices.Resolve(options.Device, options.AllowCpuFallback, options.Log);
        if (options.CpuThreads is int threads)
        {
            torch.set_num_threads(threads);
        }

        // Once per fit: the weight initialisation is reproducible; nothing reseeds later.
        torch.manual_seed(options.Seed);
        return new FitSettings(network, stage, options, onTarget, device);
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

    // One optimiser on one domain's batches; weightOf substitutes (masked) weights in the forward pass, afterStep runs after
    // every optimiser step (e.g. re-applies masks).
    private static void RunSingle(
        string stageName, YieldCnn model, TrainingSet data, FitSettings fit, Func<PrunableLayer, Tensor>? weightOf = null, Action? afterStep = null)
    {
        using var batches = new BatchFeeder(data, fit.Stage.BatchSize, new Random(fit.Options.Seed), fit.Device);
        using var stage = new OptimizerStage(model, fit.Stage, batches.StepsPerEpoch, batches.Shuffle, step =>
        {
            var (images, labels) = batches.Batch(step);
            return (YieldLoss.Of(fit.Network.Task, model.forward(images, YieldHead.Target, weightOf), labels), (int)images.shape[0]);
        }, afterStep, weightOf);
        EpochLoop.Run(stageName, model, fit, stage);
    }
}
