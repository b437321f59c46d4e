using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;

namespace XYield.ML.Storage;

/// <summary>
/// An on-disk store of pre-trained networks: pre-training runs once per configuration and source data, and every later
/// request with the same ones loads the stored network instead of training again.
/// </summary>
/// <remarks>
/// The key is the SHA-256 of a canonical description of everything that determines the weights: the store format,
/// the XYield.ML and network-format versions, the task, the architecture, every pre-training stage setting, the IMP
/// settings of sparse pre-training (N_s, rate, scope, round epochs), the seed, the device kind (CPU or CUDA), and a
/// SHA-256 fingerprint of the source images and labels. Changing any of them gives a new key, so stale entries are never
/// used (they stay on disk until the folder is cleared). Each entry is <c>&lt;key&gt;.bin</c> (the
/// <see cref="PretrainedNetwork.Save"/> stream) and <c>&lt;key&gt;.json</c> (the readable description, creation time and
/// training wall time and the SHA-256 of the <c>.bin</c>), each written to a uniquely named temporary file and renamed, so a
/// crash never leaves a half-written entry; temporary files of killed writers are deleted the next time the folder is used.
/// A sparse pre-training stores the dense network and the network after each IMP round before the last as it reaches
/// them, and starts from the stored one with the most rounds, so an interrupted run resumes after its last full round
/// with the same result.
/// An entry whose bytes fail the checksum, whose weights hold NaN or infinity, or that cannot be read is a miss: it is
/// reported through <see cref="TrainingOptions.Log"/>, trained again and overwritten. A folder that cannot be written is
/// reported and the trained network is returned uncached.
/// </remarks>
public sealed class PretrainedNetworkStore
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private bool _cleaned;

    /// <summary>Opens the store in <paramref name="folder"/>, which is created when the first network is stored.</summary>
    /// <exception cref="ArgumentException">The folder is empty or not a valid path.</exception>
    public PretrainedNetworkStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        try
        {
            Folder = Path.GetFullPath(folder);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"The store folder '{folder}' is not a valid path ({e.Message}).", nameof(folder), e);
        }
    }

    /// <summary>The store's folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>The environment variable that names the default store folder: XYIELD_CACHE.</summary>
    public const string FolderEnvironmentVariable = "XYIELD_CACHE";

    /// <summary>
    /// The conventional store folder, the one <c>xyield</c> uses: $XYIELD_CACHE, else $XDG_CACHE_HOME/xyield, else
    /// ~/.cache/xyield. Point several processes (cluster jobs) at one shared folder and each network is trained once.
    /// </summary>
    /// <param name="environment">Reads an environment variable; null reads the process environment.</param>
    public static string DefaultFolder(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(FolderEnvironmentVariable) is { Length: > 0 } explicitFolder)
        {
            return explicitFolder;
        }

        return environment("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? Path.Combine(xdg, "xyield")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "xyield");
    }

    /// <summary>The stored dense network for these settings, or <see cref="TrainingEngine.Pretrain"/> now and store it.</summary>
    /// <param name="source">The source training data; its contents are part of the key.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's pre-training settings.</param>
    /// <param name="options">Device, seed, progress, cancellation, log; null for the defaults.</param>
    public StoredPretraining GetOrPretrain(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, TrainingOptions? options = null) =>
        GetOrTrain(source, network, stage, sparsity: null, options);

    /// <summary>
    /// The stored sparse network (m_s after N_s IMP rounds) for these settings, or <see cref="TrainingEngine.PretrainSparse"/>
    /// now and store it. With N_s = 0 this is the dense network and shares its entry. Training starts from the stored network
    /// with the most rounds (dense: 0) and stores each one it passes (the dense network, then every round before the last).
    /// </summary>
    /// <param name="source">The source training data; its contents are part of the key.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's pre-training settings.</param>
    /// <param name="sparsity">The IMP settings; only those of pre-training are part of the key. Null for the defaults.</param>
    /// <param name="options">Device, seed, progress, cancellation, log; null for the defaults.</param>
    public StoredPretraining GetOrPretrainSparse(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null)
    {
        sparsity ??= new SparsityOptions();
        sparsity.Validate();
        return GetOrTrain(source, network, stage, sparsity.PretrainingRounds > 0 ? sparsity : null, options);
    }

    /// <summary>The key these settings and data are stored under (as the Get methods compute it), without training or loading.</summary>
    /// <param name="source">The source training data.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="stage">The stage settings; null for the paper's pre-training settings.</param>
    /// <param name="sparsity">The IMP settings for a sparse network; null (or N_s = 0) for a dense one.</param>
    /// <param name="options">Device and seed; null for the defaults.</param>
    public static string KeyOf(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var request = Request.Of(source, network, stage, sparsity is { PretrainingRounds: > 0 } ? sparsity : null, options);
        return PretrainingDescription.KeyOf(request.Description);
    }

    private StoredPretraining GetOrTrain(TrainingSet source, YieldCnnOptions? network, StageOptions? stage, SparsityOptions? sparsity, TrainingOptions? options)
    {
        ArgumentNullException.ThrowIfNull(source);
        var request = Request.Of(source, network, stage, sparsity, options);
        var key = PretrainingDescription.KeyOf(request.Description);
        var weights = Path.Combine(Folder, key + ".bin");
        var record = Path.Combine(Folder, key + ".json");
        RemoveStaleTemporaries(request.Options.Log);
        if (File.Exists(weights))
        {
            try
            {
                var entry = StoreRecord.Read(record);
                return new StoredPretraining(Load(weights, entry, request.Network), key, loaded: true, entry?.TrainingTime);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                request.Options.Log?.Invoke($"Warning: the stored pre-trained network {weights} cannot be read ({e.Message}); pre-training again and overwriting it.");
            }
        }

        var clock = Stopwatch.StartNew();
        var trained = request.Sparsity is null
            ? TrainingEngine.Pretrain(source, request.Network, request.Stage, request.Options)
            : PretrainSparse(source, request, clock);
        var elapsed = clock.Elapsed;
        Store(request, key, trained, elapsed);
        return new StoredPretraining(trained, key, loaded: false, elapsed);
    }

    // Writes one entry; a folder that cannot be written is reported and the network stays usable, uncached.
    private void Store(Request request, string key, PretrainedNetwork network, TimeSpan elapsed)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            using var bytes = new MemoryStream();
            network.Save(bytes);
            var entry = new JsonObject
            {
                ["key"] = key,
                ["created"] = PretrainingDescription.Timestamp(DateTimeOffset.UtcNow),
                ["trainingSeconds"] = Math.Round(elapsed.TotalSeconds, 3),
                [StoreRecord.ChecksumMember] = StoreRecord.HashOf(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)),
                ["description"] = request.Description.DeepClone(),
            };
            // The record first: a reader that sees new weights always finds their checksum (old weights with a new
            // checksum are a mismatch, which is a miss, never a wrong network).
            AtomicFile.Write(Path.Combine(Folder, key + ".json"), stream => JsonSerializer.Serialize(stream, entry, Indented));
            AtomicFile.Write(Path.Combine(Folder, key + ".bin"), stream => stream.Write(bytes.GetBuffer(), 0, (int)bytes.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            request.Options.Log?.Invoke($"Warning: cannot store the pre-trained network in {Folder} ({e.Message}); continuing without storing it.");
        }
    }

    // Sparse pre-training is a dense phase then N_s IMP rounds, each hours long on the paper's data on a CPU: it starts from
    // the stored network with the most rounds (the dense one: 0), and stores the dense network and every intermediate
    // round count as it reaches them, so an interrupted run loses at most one round. Each of those is exactly the network
    // a request with that many rounds gets. An unreadable entry is left to its own request to report and replace.
    private PretrainedNetwork PretrainSparse(TrainingSet source, Request request, Stopwatch clock)
    {
        var sparsity = request.Sparsity!;
        // The same request with fewer rounds; the source's fingerprint (a hash of every simulated image) is computed once.
        Request WithRounds(int rounds) =>
            Request.Of(source, request.Network, request.Stage, rounds == 0 ? null : sparsity with { PretrainingRounds = rounds }, request.Options, request.DataFingerprint);
        void Keep(int rounds, PretrainedNetwork network)
        {
            using (network)
            {
                var intermediate = WithRounds(rounds);
                Store(intermediate, PretrainingDescription.KeyOf(intermediate.Description), network, clock.Elapsed);
            }
        }

        for (var rounds = sparsity.PretrainingRounds - 1; rounds >= 0; rounds--)
        {
            var path = Path.Combine(Folder, PretrainingDescription.KeyOf(WithRounds(rounds).Description) + ".bin");
            if (!File.Exists(path))
            {
                continue;
            }

            PretrainedNetwork stored;
            try
            {
                stored = Load(path, StoreRecord.Read(Path.ChangeExtension(path, ".json")), request.Network);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                request.Options.Log?.Invoke($"Warning: the stored pre-trained network {path} cannot be read ({e.Message}); looking for one with fewer IMP rounds.");
                continue;
            }

            using (stored)
            {
                var what = rounds == 0 ? "dense pre-trained network" : string.Create(CultureInfo.InvariantCulture, $"network after {rounds} IMP round(s)");
                request.Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"Continuing from the stored {what} {path}: only the {sparsity.PretrainingRounds - rounds} remaining IMP round(s) run."));
                return HandTuneTraining.PretrainSparseFrom(stored, rounds, source, request.Stage, sparsity, request.Options, Keep);
            }
        }

        return HandTuneTraining.PretrainSparse(source, request.Network, request.Stage, sparsity, request.Options, Keep);
    }

    // An entry whose bytes do not match their recorded checksum, hold non-finite weights (YieldModelFormat refuses them)
    // or another architecture is unreadable: the caller logs it, trains again and overwrites it.
    private static PretrainedNetwork Load(string path, StoreRecord? record, YieldCnnOptions expected)
    {
        var bytes = File.ReadAllBytes(path);
        if (record?.Checksum is { } checksum && StoreRecord.HashOf(bytes) != checksum)
        {
            throw new InvalidDataException("its bytes do not match the checksum in its record (the file was damaged or changed)");
        }

        var network = PretrainedNetwork.Load(new MemoryStream(bytes, writable: false));

        // The key already covers the architecture; this catches a file copied or renamed by hand.
        if (network.NetworkOptions != expected)
        {
            network.Dispose();
            throw new InvalidDataException("it holds a network of another architecture or task than its key describes");
        }

        return network;
    }

    // Killed writers leave temporary files; each store cleans its folder once.
    private void RemoveStaleTemporaries(Action<string>? log)
    {
        if (_cleaned)
        {
            return;
        }

        _cleaned = true;
        if (AtomicFile.RemoveStale(Folder) is > 0 and var removed)
        {
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"Removed {removed} temporary file(s) that interrupted writes left in {Folder}."));
        }
    }

    /// <summary>A request with its defaults filled in, validated, and described.</summary>
    private sealed record Request(YieldCnnOptions Network, StageOptions Stage, SparsityOptions? Sparsity, TrainingOptions Options, string DataFingerprint, JsonObject Description)
    {
        public static Request Of(
            TrainingSet source, YieldCnnOptions? network, StageOptions? stage, SparsityOptions? sparsity, TrainingOptions? options, string? dataFingerprint = null)
        {
            var architecture = network ?? Fits.DefaultsFor(source);
            stage ??= StageOptions.PaperPretraining;
            options ??= new TrainingOptions();
            architecture.Validate();
            stage.Validate();
            sparsity?.Validate();
            options.Validate();
            // The device kind as training will resolve it ("auto" becomes cuda or cpu); the decision is logged by the training itself.
            var device = TorchDevices.Resolve(options.Device, options.AllowCpuFallback, log: null).type == DeviceType.CUDA ? "cuda" : "cpu";
            dataFingerprint ??= PretrainingDescription.Fingerprint(source);
            return new Request(architecture, stage, sparsity, options, dataFingerprint,
                PretrainingDescription.Of(source, architecture, stage, sparsity, options.Seed, device, dataFingerprint));
        }
    }
}
