using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Storage;

/// <summary>
/// The canonical description of one pre-training — everything that determines the network's weights — and its
/// SHA-256 key, under which <see cref="PretrainedNetworkStore"/> files the network.
/// </summary>
internal static class PretrainingDescription
{
    /// <summary>The version of the store's key and file layout; bumping it invalidates every stored network.</summary>
    public const int StoreFormat = 2;

    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The description as an ordered JSON object; its compact text is what the key hashes.</summary>
    /// <param name="source">The source data actually trained on: its bytes are fingerprinted.</param>
    /// <param name="network">The architecture.</param>
    /// <param name="stage">The pre-training stage (every member can change the weights, so all are included).</param>
    /// <param name="sparsity">The IMP settings of sparse pre-training; null for a dense network.</param>
    /// <param name="seed">The pre-training seed.</param>
    /// <param name="deviceKind">"cpu" or "cuda": kernels differ, so the same settings give different weights.</param>
    /// <param name="dataFingerprint"><see cref="Fingerprint"/> of <paramref name="source"/> when already computed; null computes it.</param>
    public static JsonObject Of(
        TrainingSet source, YieldCnnOptions network, StageOptions stage, SparsityOptions? sparsity, int seed, string deviceKind, string? dataFingerprint = null) => new()
    {
        ["storeFormat"] = StoreFormat,
        ["library"] = LibraryVersion,
        ["modelFormat"] = YieldModelFormat.Version,
        ["kind"] = sparsity is null ? "dense" : "sparse",
        ["task"] = network.Task.ToString(),
        ["network"] = JsonSerializer.SerializeToNode(network, Canonical),
        ["pretraining"] = JsonSerializer.SerializeToNode(stage, Canonical),
        // Only what acts in pre-training: N_t, its epochs and the Bi-RPT coefficients act after it.
        ["sparsity"] = sparsity is null ? null : JsonSerializer.SerializeToNode(sparsity.PretrainingPart(stage.MaxEpoch), Canonical),
        ["seed"] = seed,
        ["device"] = deviceKind,
        ["data"] = new JsonObject
        {
            ["rows"] = source.Count,
            ["sha256"] = dataFingerprint ?? Fingerprint(source),
        },
    };

    /// <summary>The key: lower-case hex SHA-256 of the description's compact JSON text.</summary>
    public static string KeyOf(JsonObject description) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(description.ToJsonString())));

    /// <summary>The XYield.ML version (without build metadata): a new release may train differently.</summary>
    public static string LibraryVersion { get; } =
        typeof(PretrainingDescription).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(PretrainingDescription).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>SHA-256 of the set's shape, task, classes, images and labels, so any change to the data changes the key.</summary>
    public static string Fingerprint(TrainingSet data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<int> header = [data.Shape.Channels, data.Shape.Height, data.Shape.Width, (int)data.Task, data.ClassCount, data.Count];
        hash.AppendData(MemoryMarshal.AsBytes(header));
        hash.AppendData(MemoryMarshal.AsBytes(data.Images.AsSpan()));
        if (data.Targets is { } targets)
        {
            hash.AppendData(MemoryMarshal.AsBytes(targets.AsSpan()));
        }

        if (data.Classes is { } classes)
        {
            hash.AppendData(MemoryMarshal.AsBytes(classes.AsSpan()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>"2026-11-24T14:40:00Z".</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
