using TorchSharp;
using static TorchSharp.torch;

namespace XYield.ML.Runtime;

/// <summary>
/// The TorchSharp native backend: loads it once, turns a load failure into a
/// <see cref="TorchBackendUnavailableException"/>, and describes what is available.
/// </summary>
public static class TorchBackend
{
    private static readonly Lazy<Exception?> LoadFailure = new(TryInitialise, LazyThreadSafetyMode.ExecutionAndPublication);
    private static bool _retainsFreedNativeMemory;

    /// <summary>
    /// The libstdc++ symbol version that TorchSharp 0.107's native wrapper needs on Linux ("GLIBCXX_3.4.32", GCC 13 or
    /// newer): a system whose libstdc++.so.6 lacks it cannot load the backend.
    /// </summary>
    public const string RequiredGlibcxx = NativeLoadDiagnosis.RequiredGlibcxx;

    /// <summary>The XYield.ML repository's script that installs a new enough libstdc++ on Debian 12, named in the load error.</summary>
    public const string NativePrerequisitesScript = NativeLoadDiagnosis.SetupScript;

    /// <summary>True when the native backend loads in this process.</summary>
    public static bool IsAvailable => LoadFailure.Value is null;

    /// <summary>
    /// Loads the native backend if needed. Every XYield.ML entry point that touches TorchSharp calls this first.
    /// </summary>
    /// <exception cref="TorchBackendUnavailableException">The backend cannot be loaded; the message says how to fix it.</exception>
    public static void EnsureAvailable()
    {
        if (LoadFailure.Value is { } failure)
        {
            throw NativeLoadDiagnosis.Diagnose(failure);
        }
    }

    /// <summary>The version of the managed TorchSharp assembly.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>The libtorch version reported by the loaded backend.</summary>
    public static string LibTorchVersion
    {
        get
        {
            EnsureAvailable();
            return torch.__version__;
        }
    }

    /// <summary>Whether CUDA is usable: a CUDA backend package is referenced and a GPU is present.</summary>
    public static bool IsCudaAvailable
    {
        get
        {
            EnsureAvailable();
            return cuda.is_available();
        }
    }

    /// <summary>The number of CUDA devices (0 with a CPU backend or without a GPU).</summary>
    public static int CudaDeviceCount => IsCudaAvailable ? cuda.device_count() : 0;

    /// <summary>
    /// Whether XYield.ML told glibc's malloc to keep freed memory for libtorch's temporaries (Linux; opt out with
    /// <c>XYIELD_MALLOC_TUNING=0</c>; see docs/getting-started.md).
    /// </summary>
    public static bool RetainsFreedNativeMemory
    {
        get
        {
            EnsureAvailable();
            return _retainsFreedNativeMemory;
        }
    }

    /// <summary>The number of threads libtorch uses for CPU operations.</summary>
    public static int CpuThreads
    {
        get
        {
            EnsureAvailable();
            return torch.get_num_threads();
        }
    }

    private static Exception? TryInitialise()
    {
        // TorchSharp writes its load trace to standard output when loading fails; keep it out of the
        // user's console (it is still in the exception's inner message).
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            NativeEnvironment.ApplyDefaults();
            _retainsFreedNativeMemory = NativeAllocator.Apply(Environment.GetEnvironmentVariable);

            // A CUDA backend must be initialised explicitly; with a CPU backend this attempt fails and is ignored.
            if (!torch.TryInitializeDeviceType(DeviceType.CUDA))
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }

            NativeLogging.Apply();
            return null;
        }
#pragma warning disable CA1031 // Any failure of the native load is reported through EnsureAvailable.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
        finally
        {
            Console.SetOut(console);
        }
    }
}
