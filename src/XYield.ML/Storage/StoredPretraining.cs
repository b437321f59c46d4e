using XYield.ML.Models;
namespace XYield.ML.Storage;

/// <summary>What <see cref="PretrainedNetworkStore"/> returns: the network, its key, and whether it was loaded or trained now.</summary>
public sealed class StoredPretraining
{
    internal StoredPretraining(PretrainedNetwork network, string key, bool loaded, TimeSpan? trainingTime)
    {
        Network = network;
        Key = key;
        Loaded = loaded;
        TrainingTime = trainingTime;
    }

    /// <summary>The pre-trained network; the caller owns it and disposes it.</summary>
    public PretrainedNetwork Network { get; }

    /// <summary>The store key: SHA-256 (hex) of the configuration and the data fingerprint; the files are <c>&lt;Key&gt;.bin</c> and <c>&lt;Key&gt;.json</c>.</summary>
    public string Key { get; }

    /// <summary>True when the network was read from the store (no training ran); false when it was trained by this call.</summary>
    public bool Loaded { get; }

    /// <summary>The wall time of the pre-training (this call's, or the one recorded when the entry was stored); null when the record is unreadable.</summary>
    public TimeSpan? TrainingTime { get; }
}
