using System.Runtime.InteropServices;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
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
        checks.Add(DataCheck(dataPath));
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

        var cuda = TorchBackend.CudaDeviceCount;
        return
        [
            DoctorCheck.Ok("Native backend", $"libtorch {TorchBackend.LibTorchVersion} loaded"),
            DoctorCheck.Ok("CPU", $"{Environment.ProcessorCount} logical cores, libtorch uses {TorchBackend.CpuThreads} threads"),
            DoctorCheck.Ok("Native memory", TorchBackend.RetainsFreedNativeMemory
                ? "glibc's malloc keeps freed memory for reuse (faster CPU training steps; XYIELD_MALLOC_TUNING=0 turns this off)"
                : "the C library's own malloc settings (on Linux: XYIELD_MALLOC_TUNING=0 or GLIBC_TUNABLES chose them; CPU training steps are slower)"),
            cuda > 0
                ? DoctorCheck.Ok("CUDA", $"{cuda} GPU(s): cuda:0 … cuda:{cuda - 1}")
                : DoctorCheck.Ok("CUDA", "not available (CPU backend referenced, or no GPU); training runs on the CPU. For a GPU, build with TorchSharp-cuda-linux."),
        ];
    }

    // Parses the file, so a garbage file is reported here rather than at the first command that needs it.
    private static DoctorCheck DataCheck(string? dataPath)
    {
        try
        {
            var location = ExperimentalDataLocator.Locate(dataPath);
            var points = ExperimentalDataSet.Load(dataPath);
            var where = location.IsEmbedded
                ? "the copy embedded in XYield.ML (Borg et al. 2020, Apache-2.0); --data or XYIELD_DATA use another file"
                : $"{location.Path} (from {location.Source})";
            return DoctorCheck.Ok("Experimental data", $"{points.Count} points from {where}");
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Failed("Experimental data", e.Message);
        }
    }
}
