using System.Globalization;
using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Runtime;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>Where a fit starts: its settings, the data to check against the architecture, and the network to clone (null: a fresh one).</summary>
internal sealed record FitStart(YieldCnnOptions Network, StageOptions Stage, TrainingOptions? Options, bool OnTarget)
{
    public PretrainedNetwork? From { get; init; }

    public IReadOnlyList<(TrainingSet Data, string Name)> Data { get; init; } = [];
}

/// <summary>
/// The prologue every training entry point shares, written once: validate the settings, seed torch, resolve the device,
/// check the data against the architecture, build (or clone) the network on the device; then train it and wrap the result.
/// </summary>
internal static class Fits
{
    internal static YieldCnnOptions DefaultsFor(TrainingSet data) =>
        new() { ImageShape = data.Shape, Task = data.Task, ClassCount = data.Task == YieldTask.Classification ? data.ClassCount : 5 };

    internal static FitStart PretrainingStart(TrainingSet source, YieldCnnOptions? network, StageOptions? stage, TrainingOptions? options)
    {
        var architecture = network ?? DefaultsFor(source);
        if (architecture.HasSourceHead)
        {
            throw new ArgumentException("A pre-trained network has a single head: set HasSourceHead = false.", nameof(network));
        }

        return new FitStart(architecture, stage ?? StageOptions.PaperPretraining, options, OnTarget: false) { Data = [(source, nameof(source))] };
    }

    internal static FitStart TransferStart(PretrainedNetwork pretrained, StageOptions? stage, TrainingOptions? options, params (TrainingSet, string)[] data)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        return new FitStart(pretrained.NetworkOptions, stage ?? StageOptions.PaperFineTuning, options, OnTarget: true) { From = pretrained, Data = data };
    }

    // On any failure (cancellation included) the network is released before the exception leaves.
    internal static T Run<T>(FitStart start, Action<YieldCnn, FitSettings> train, Func<YieldCnn, FitSettings, T> result)
    {
        var fit = Begin(start.Network, start.Stage, start.Options, start.OnTarget);
        foreach (var (data, name) in start.Data)
        {
            CheckCompatible(fit.Network, data, name);
        }

        var model = start.From?.CloneNetwork() ?? new YieldCnn(fit.Network);
        try
        {
            model.to(fit.Device);
            train(model, fit);
            return result(model, fit);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    internal static FitSettings Begin(YieldCnnOptions network, StageOptions stage, TrainingOptions? options, bool onTarget)
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

    internal static void CheckCompatible(YieldCnnOptions network, TrainingSet data, string name)
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
}
