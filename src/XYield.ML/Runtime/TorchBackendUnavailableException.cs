namespace XYield.ML.Runtime;

/// <summary>
/// Thrown when TorchSharp's native backend (libtorch plus libLibTorchSharp) cannot be loaded.
/// The message says what is missing and how to fix it; TorchSharp's own load trace is kept as
/// <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TorchBackendUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception with a diagnosis and the original failure.</summary>
    public TorchBackendUnavailableException(string message, TorchBackendProblem problem, Exception? innerException)
        : base(message, innerException)
    {
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TorchBackendUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the original failure.</summary>
    public TorchBackendUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TorchBackendUnavailableException()
    {
    }

    /// <summary>What went wrong, for programs that react to specific causes.</summary>
    public TorchBackendProblem Problem { get; }
}

/// <summary>The causes of a native backend failure that XYield.ML recognises.</summary>
public enum TorchBackendProblem
{
    /// <summary>Not recognised; the message carries the loader's own words.</summary>
    Unknown,

    /// <summary>The application references no TorchSharp backend package.</summary>
    NoBackendPackage,

    /// <summary>The system C++ runtime (libstdc++) is older than libtorch needs.</summary>
    LibStdCxxTooOld,

    /// <summary>A native library exists but the dynamic loader refused it for another reason.</summary>
    NativeLoadFailed,
}
