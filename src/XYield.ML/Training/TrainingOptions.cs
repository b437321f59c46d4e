namespace XYield.ML.Training;

/// <summary>Settings shared by every stage of a fit: device, threads, seed, feedback and cancellation.</summary>
public sealed record TrainingOptions
{
    /// <summary>
    /// "auto" (CUDA when available, else CPU), "cpu", "cuda" or "cuda:N". Default: "auto".
    /// </summary>
    public string Device { get; init; } = "auto";

    /// <summary>
    /// When a CUDA device is requested but unavailable: false (default) throws; true falls back to the CPU
    /// and reports a warning through <see cref="Log"/>.
    /// </summary>
    public bool AllowCpuFallback { get; init; }

    /// <summary>Threads libtorch uses on the CPU (process-wide); null leaves the current setting. Default: null.</summary>
    public int? CpuThreads { get; init; }

    /// <summary>The seed of the fit: weight initialisation (<c>torch.manual_seed</c>) and batch shuffling. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>Receives progress reports; null for none.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Steps between progress reports (the last step of each epoch is always reported). Default: 50.</summary>
    public int ProgressInterval { get; init; } = 50;

    /// <summary>
    /// Called after every epoch of every stage with the epoch's number and a way to predict with the current weights
    /// (e.g. to follow a validation metric); null for none. Runs on the training thread, between epochs; it does not
    /// change the training (no random numbers are drawn, batch-norm statistics are not updated).
    /// </summary>
    public Action<TrainingEpoch>? EpochCompleted { get; init; }

    /// <summary>Receives log lines (device decision, warnings); null for none. The library never writes to the console.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Checked between steps; cancelling stops the fit with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid member.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Device, nameof(Device));
        if (CpuThreads is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CpuThreads), CpuThreads, "CpuThreads must be positive (or null to leave it).");
        }

        if (ProgressInterval <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "ProgressInterval must be positive.");
        }
    }
}
