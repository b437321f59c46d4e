using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using XYield.ML.Data.Simulated;
using XYield.ML.Models;
using XYield.ML.Storage;
using XYield.ML.Training;

namespace XYield.ML.Benchmark.Methods;

/// <summary>
/// The benchmark's pre-trained networks, one per configuration — task, and dense or sparse (m_s after N_s IMP rounds) —
/// with a fixed pre-training seed, shared by every split, fold and fine-tune seed. The simulated source data is drawn
/// once per task with that seed too. With a <see cref="PretrainedNetworkStore"/>, a network is trained at most once
/// across invocations: later ones load it.
/// </summary>
public sealed class PretrainedCache : IDisposable
{
    private readonly Dictionary<(YieldTask Task, SparsityOptions? Sparsity), PretrainedNetwork> _networks = [];
    private readonly Dictionary<YieldTask, IDataView> _sources = [];
    private readonly Dictionary<string, string> _keys = [];
    private readonly Action<string> _report;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="settings">The training sizes.</param>
    /// <param name="store">The on-disk store; null trains every network in this process.</param>
    /// <param name="pretrainSeed">The seed of the simulated draw and of every pre-training.</param>
    /// <param name="report">Receives one line per network (trained or loaded, with its key) and the store's warnings.</param>
    public PretrainedCache(CnnSettings settings, PretrainedNetworkStore? store = null, int pretrainSeed = 0, Action<string>? report = null)
    {
        Settings = settings;
        Store = store;
        PretrainSeed = pretrainSeed;
        _report = report ?? (_ => { });
    }

    /// <summary>The training sizes.</summary>
    public CnnSettings Settings { get; }

    /// <summary>The on-disk store, or null when caching is off.</summary>
    public PretrainedNetworkStore? Store { get; }

    /// <summary>The seed of the simulated draw and of every pre-training.</summary>
    public int PretrainSeed { get; }

    /// <summary>The store key of each network used so far, e.g. "regression dense" → key.</summary>
    public IReadOnlyDictionary<string, string> Keys => _keys;

    /// <summary>The simulated images (with class labels for classification), drawn with the pre-training seed.</summary>
    public IDataView Source(YieldTask task)
    {
        if (!_sources.TryGetValue(task, out var source))
        {
            source = SimulatedDataset.CreateImages(new MLContext(PretrainSeed), task, Settings.SimulatedCount, PretrainSeed);
            _sources[task] = source;
        }

        return source;
    }

    /// <summary>The dense pre-trained network of <paramref name="task"/> (Pretrain-and-transfer, transfer sparsity only, Bi-RPT).</summary>
    /// <param name="task">Regression or classification.</param>
    /// <param name="progress">Receives the pre-training's progress when it has to train (not when loaded or reused).</param>
    /// <param name="cancellation">Stops a pre-training between steps.</param>
    public PretrainedNetwork Dense(YieldTask task, IProgress<TrainingProgress>? progress, CancellationToken cancellation) => Network(task, null, progress, cancellation);

    /// <summary>
    /// The network pre-trained with N_s IMP rounds (Hand-Tune, pretrain sparsity only: both fine-tune the same m_s).
    /// Only the pre-training part of <paramref name="sparsity"/> matters; with N_s = 0 this is the dense network.
    /// </summary>
    public PretrainedNetwork Sparse(YieldTask task, SparsityOptions sparsity, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sparsity);
        var pretrainingPart = sparsity.PretrainingRounds == 0 ? null : sparsity.PretrainingPart(Settings.Pretraining.MaxEpoch);
        return Network(task, pretrainingPart, progress, cancellation);
    }

    private PretrainedNetwork Network(YieldTask task, SparsityOptions? sparsity, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        if (_networks.TryGetValue((task, sparsity), out var network))
        {
            return network;
        }

        var options = Settings.TrainerOptions(task, PretrainSeed, cancellation);
        var architecture = options.Network with { Task = task };
        var source = TrainingDataReader.Read(
            Source(task), "simulated data", options.FeatureColumnName, options.LabelColumnName, task, architecture.ClassCount, architecture.ImageShape);
        // The library logs its device decision on every fit; only warnings (e.g. an unreadable cache entry) reach the console.
        var training = options.ToTrainingOptions() with
        {
            Log = line => { if (line.StartsWith("Warning:", StringComparison.Ordinal)) { _report(line); } },
            Progress = progress,
        };
        var name = $"{BenchmarkTasks.Name(task)} {(sparsity is null ? "dense" : "sparse")}";
        var what = sparsity is null
            ? $"{name} network"
            : string.Create(CultureInfo.InvariantCulture, $"{name} network (N_s = {sparsity.PretrainingRounds})");
        if (Store is null)
        {
            var clock = Stopwatch.StartNew();
            network = sparsity is null
                ? TrainingEngine.Pretrain(source, architecture, options.Pretraining, training)
                : TrainingEngine.PretrainSparse(source, architecture, options.Pretraining, sparsity, training);
            _report(string.Create(CultureInfo.InvariantCulture, $"{what}: pre-trained ({clock.Elapsed.TotalSeconds:0.0} s), not cached (no store)"));
        }
        else
        {
            var stored = sparsity is null
                ? Store.GetOrPretrain(source, architecture, options.Pretraining, training)
                : Store.GetOrPretrainSparse(source, architecture, options.Pretraining, sparsity, training);
            network = stored.Network;
            _keys[name] = stored.Key;
            _report(stored.Loaded
                ? $"{what}: loaded from cache {stored.Key}"
                : string.Create(CultureInfo.InvariantCulture, $"{what}: pre-trained ({stored.TrainingTime?.TotalSeconds:0.0} s), cached as {stored.Key}"));
        }

        _networks[(task, sparsity)] = network;
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
