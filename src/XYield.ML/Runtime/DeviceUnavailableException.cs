namespace XYield.ML.Runtime;

/// <summary>
/// A CUDA device was requested but cannot be used on this machine (no CUDA backend, no GPU, or no device with that
/// index). A distinct type so a tool can report it in one line with its own advice (e.g. <c>--device cpu</c>).
/// </summary>
/// <remarks>Derives from <see cref="InvalidOperationException"/>, which <see cref="TorchDevices.Resolve"/> documented before.</remarks>
public sealed class DeviceUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public DeviceUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a device setting and what is wrong with it.</summary>
    /// <param name="setting">The device as requested, e.g. "cuda:1".</param>
    /// <param name="problem">Why it cannot be used, e.g. "CUDA is not available (…)".</param>
    public DeviceUnavailableException(string setting, string problem)
        : base($"Device '{setting}' was requested but {problem}. Use Device = \"auto\" or \"cpu\", or allow the CPU fallback.")
    {
        Setting = setting;
        Problem = problem;
    }

    /// <summary>The device as requested, e.g. "cuda"; null when not known.</summary>
    public string? Setting { get; }

    /// <summary>Why the device cannot be used; null when not known.</summary>
    public string? Problem { get; }
}
