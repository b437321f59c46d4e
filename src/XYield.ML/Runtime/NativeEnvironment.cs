using System.Runtime.InteropServices;

namespace XYield.ML.Runtime;

/// <summary>
/// Settings libtorch reads from the process environment when it loads, applied as defaults before XYield.ML loads it.
/// A variable the user has already set is never changed.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>ATEN_CPU_CAPABILITY=avx2</c> and <c>ONEDNN_MAX_CPU_ISA=AVX2</c>: on an AVX-512 AMD EPYC virtual machine,
/// libtorch 2.10's AVX-512 kernels gave NaN convolution gradients within a few steps, while AVX2 trained reliably
/// (docs/getting-started.md). The networks here are small, so the AVX2 cap costs little; set
/// <c>ATEN_CPU_CAPABILITY=avx512</c> yourself to opt out.</item>
/// <item><c>MKL_CBWR=AVX2,STRICT</c> (<c>AUTO,STRICT</c> without AVX2): MKL's strict conditional numerical reproducibility.
/// Without it MKL picks its matrix-product kernels and thread split by matrix size, so a row's prediction changed in the
/// last bits with the batch it was scored in (and with the thread count); with it, and convolutions of at least two rows
/// (<see cref="Models.Predictor.MinimumForwardRows"/>), batched scoring equals row-by-row scoring bit for bit. The
/// AVX2 branch matches the AVX2 cap above.</item>
/// <item><c>TORCH_CPP_LOG_LEVEL=ERROR</c>: libtorch otherwise prints "Could not initialize NNPACK! Reason: Unsupported
/// hardware." on every CPU convolution where NNPACK is unavailable (applied by <see cref="NativeLogging"/>).</item>
/// </list>
/// .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code on Unix, so the
/// C library's <c>setenv</c> is called there.
/// </remarks>
internal static class NativeEnvironment
{
    internal static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["ATEN_CPU_CAPABILITY"] = "avx2",
        ["ONEDNN_MAX_CPU_ISA"] = "AVX2",
        ["MKL_CBWR"] = System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "AVX2,STRICT" : "AUTO,STRICT",
        ["TORCH_CPP_LOG_LEVEL"] = "ERROR",
    };

    /// <summary>Sets each default that is not already set; returns the names it set.</summary>
    internal static IReadOnlyList<string> ApplyDefaults()
    {
        var applied = new List<string>();
        foreach (var (name, value) in Defaults)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                continue;
            }

            Environment.SetEnvironmentVariable(name, value);
            if (!OperatingSystem.IsWindows())
            {
                _ = SetNative(name, value, overwrite: 0);
            }

            applied.Add(name);
        }

        return applied;
    }

    [DllImport("libc", EntryPoint = "setenv")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA2101 // One call; strings are marshalled explicitly as UTF-8 (LibraryImport would need unsafe code).
    private static extern int SetNative([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
#pragma warning restore SYSLIB1054, CA2101
}
