using XYield.ML.Cli.Workflows;
using Microsoft.ML;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Cli.Benchmark.Methods;

/// <summary>
/// One pre-trained network per (task, seed), shared by every fine-tune of that configuration (all splits and folds),
/// instead of pre-training again for each fine-tune.
/// </summary>
internal sealed class PretrainedCache : IDisposable
{
    private readonly Dictionary<(YieldTask Task, int Seed), PretrainedNetwork> _networks = [];
    private readonly Dictionary<(YieldTask Task, int Seed), IDataView> _sources = [];

    /// <summary>Creates an empty cache for <paramref name="settings"/>.</summary>
    public PretrainedCache(CnnSettings settings) => Settings = settings;

    /// <summary>The training sizes.</summary>
    public CnnSettings Settings { get; }

    /// <summary>The simulated images (with class labels for classification) of a seed.</summary>
    public IDataView Source(YieldTask task, int seed)
    {
        if (!_sources.TryGetValue((task, seed), out var source))
        {
            source = CnnData.SimulatedImages(new MLContext(seed), task, Settings.SimulatedCount, seed);
            _sources[(task, seed)] = source;
        }

        return source;
    }

    /// <summary>The network pre-trained for <paramref name="task"/> with <paramref name="seed"/>, training it on first use.</summary>
    public PretrainedNetwork Network(YieldTask task, int seed, CancellationToken cancellation)
    {
        if (!_networks.TryGetValue((task, seed), out var network))
        {
            var ml = new MLContext(seed);
            var options = CnnData.TrainerOptions(task, Settings, seed, cancellation);
            network = task == YieldTask.Regression
                ? ml.Regression.Trainers.PretrainYieldCnn(Source(task, seed), options)
                : ml.MulticlassClassification.Trainers.PretrainYieldCnn(Source(task, seed), options);
            _networks[(task, seed)] = network;
        }

        return network;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var network in _networks.Values)
        {
            network.Dispose();
        }

        _networks.Clear();
    }
}
