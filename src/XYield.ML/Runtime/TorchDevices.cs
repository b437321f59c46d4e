using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace XYield.ML.Runtime;

/// <summary>Turns a device setting ("auto", "cpu", "cuda", "cuda:N") into a TorchSharp device.</summary>
public static class TorchDevices
{
    /// <summary>Resolves the device once per fit and logs the decision.</summary>
    /// <param name="setting">"auto", "cpu", "cuda" or "cuda:N" (case-insensitive).</param>
    /// <param name="allowCpuFallback">When CUDA is requested but unavailable: fall back to the CPU with a warning instead of throwing.</param>
    /// <param name="log">Receives the decision and warnings; may be null.</param>
    /// <exception cref="ArgumentException">The setting is not one of the forms above.</exception>
    /// <exception cref="DeviceUnavailableException">CUDA was requested but is unavailable and fallback is off.</exception>
    public static Device Resolve(string setting, bool allowCpuFallback, Action<string>? log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        TorchBackend.EnsureAvailable();
        var text = setting.Trim().ToLowerInvariant();
        var cudaAvailable = cuda.is_available();

        if (text == "auto")
        {
            var auto = cudaAvailable ? new Device(DeviceType.CUDA, 0) : CPU;
            log?.Invoke($"Device auto: using {auto} ({(cudaAvailable ? "CUDA is available" : "CUDA is not available")}).");
            return auto;
        }

        if (text == "cpu")
        {
            log?.Invoke("Device: cpu.");
            return CPU;
        }

        if (text != "cuda" && !text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Device '{setting}' is not recognised: expected auto, cpu, cuda or cuda:N.", nameof(setting));
        }

        var index = 0;
        if (text.Length > 4 && !int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            throw new ArgumentException($"Device '{setting}' has no valid CUDA index: expected cuda:N with N = 0, 1, ….", nameof(setting));
        }

        var problem = !cudaAvailable
            ? "CUDA is not available (reference a TorchSharp-cuda-* backend and run on a machine with an NVIDIA GPU)"
            : index >= cuda.device_count()
                ? string.Create(CultureInfo.InvariantCulture, $"only {cuda.device_count()} CUDA device(s) exist")
                : null;
        if (problem is null)
        {
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"Device: cuda:{index}."));
            return new Device(DeviceType.CUDA, index);
        }

        if (!allowCpuFallback)
        {
            throw new DeviceUnavailableException(setting, problem);
        }

        log?.Invoke($"Warning: device '{setting}' was requested but {problem}; falling back to the CPU.");
        return CPU;
    }
}
