using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XYield.ML.Storage;

/// <summary>What a store entry's readable record (<c>&lt;key&gt;.json</c>) tells the loader: the weights' checksum and the training time.</summary>
/// <param name="Checksum">SHA-256 of the <c>.bin</c> file, lower-case hex; null in entries written before checksums.</param>
/// <param name="TrainingTime">The wall time pre-training took; null when not recorded.</param>
internal sealed record StoreRecord(string? Checksum, TimeSpan? TrainingTime)
{
    /// <summary>The record member holding the checksum.</summary>
    public const string ChecksumMember = "sha256";

    /// <summary>SHA-256 of <paramref name="bytes"/>, lower-case hex.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The record at <paramref name="path"/>, or null when it is missing or unreadable: the record is informational for
    /// older entries, so its absence is not an error (a present checksum is always verified).
    /// </summary>
    public static StoreRecord? Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var node = JsonNode.Parse(stream);
            var seconds = node?["trainingSeconds"]?.GetValue<double>();
            return new StoreRecord(node?[ChecksumMember]?.GetValue<string>(), seconds is double s ? TimeSpan.FromSeconds(s) : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
