using System.Runtime.InteropServices;
using XYield.ML.Runtime;

namespace XYield.ML.Cli.Doctor;

/// <summary>The checks behind <c>xyield doctor</c>, in the order a user would fix them.</summary>
internal static class DoctorChecks
{
    public static IReadOnlyList<DoctorCheck> Run(string? dataPath)
    {
        var checks = new List<DoctorCheck>
        {
            DoctorCheck.Ok(".NET runtime", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})"),
            DoctorCheck.Ok("Operating system", RuntimeInformation.OSDescription),
            DoctorCheck.Ok("XYield.ML", typeof(TorchBackend).Assembly.GetName().Version?.ToString(3) ?? "unknown"),
            DoctorCheck.Ok("TorchSharp (managed)", TorchBackend.TorchSharpVersion),
        };

        if (LibStdCxxCheck.Run() is { } libstdcxx)
        {
            checks.Add(libstdcxx);
        }

        checks.AddRange(BackendChecks());
        checks.AddRange(DataChecks.Run(dataPath));
        return checks;
    }

    private static IEnumerable<DoctorCheck> BackendChecks()
    {
        try
        {
            TorchBackend.EnsureAvailable();
        }
        catch (TorchBackendUnavailableException e)
        {
            return [DoctorCheck.Failed("Native backend", e.Message)];
        }

        return
        [
            DoctorCheck.Ok("Native backend", $"libtorch {TorchBackend.LibTorchVersion} loaded"),
            DoctorCheck.Ok("CPU", $"{Environment.ProcessorCount} logical cores, libtorch uses {TorchBackend.CpuThreads} threads"),
            DoctorCheck.Ok("Native memory", TorchBackend.RetainsFreedNativeMemory
                ? "glibc's malloc keeps freed memory for reuse (faster CPU training steps; XYIELD_MALLOC_TUNING=0 turns this off)"
                : "the C library's own malloc settings (on Linux: XYIELD_MALLOC_TUNING=0 or GLIBC_TUNABLES chose them; CPU training steps are slower)"),
            GpuCheck.Run(),
        ];
    }
}
