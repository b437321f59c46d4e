using System.Runtime.InteropServices;

namespace XYield.ML.Runtime;

/// <summary>
/// Tells glibc's malloc to keep freed memory in the process, so libtorch's CPU temporaries reuse pages instead of
/// faulting fresh ones in on every training step.
/// </summary>
/// <remarks>
/// libtorch allocates CPU tensors with malloc. By default glibc serves a large block with a fresh mapping (above its
/// mmap threshold, which starts at 128 KiB) and returns the top of the heap to the OS at every free (above its trim
/// threshold), so every weight-sized temporary (fc1 has 1.3 M weights, 5 MB) is faulted in page by page each time. On
/// this project's 2-core virtual machine that made a Bi-RPT step 47× a dense step; with the settings below it is 11×
/// (docs/training.md). The price: a process keeps the native memory of its peak instead of giving it back.
/// Applied once, when XYield.ML loads libtorch, on Linux only; skipped when <c>GLIBC_TUNABLES</c> already sets malloc
/// options (the user's choice wins) or when <c>XYIELD_MALLOC_TUNING=0</c>.
/// </remarks>
internal static class NativeAllocator
{
    /// <summary>Set to 0 to leave glibc's malloc settings alone.</summary>
    internal const string OptOutVariable = "XYIELD_MALLOC_TUNING";

    /// <summary>Blocks up to this size come from the heap rather than fresh mappings: 32 MiB, glibc's largest allowed value.</summary>
    internal const int MmapThreshold = 32 << 20;

    /// <summary>Free memory at the top of the heap is returned to the OS only above this: 1 GiB.</summary>
    internal const int TrimThreshold = 1 << 30;

    // mallopt parameter numbers from glibc's malloc.h.
    private const int MallocTrimThreshold = -1;
    private const int MallocMmapThreshold = -3;

    /// <summary>Applies the settings unless the environment says not to; returns whether glibc accepted them.</summary>
    internal static bool Apply(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!OperatingSystem.IsLinux()
            || environment(OptOutVariable) == "0"
            || (environment("GLIBC_TUNABLES") ?? "").Contains("glibc.malloc.", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            // mallopt returns 1 on success; a C library without it (musl returns 0) leaves malloc as it is.
            return MallOpt(MallocMmapThreshold, MmapThreshold) == 1 && MallOpt(MallocTrimThreshold, TrimThreshold) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // Two calls at start-up; LibraryImport would need a source generator for no gain.
    private static extern int MallOpt(int parameter, int value);
#pragma warning restore SYSLIB1054
}
