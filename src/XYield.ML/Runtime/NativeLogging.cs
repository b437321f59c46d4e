using System.Runtime.InteropServices;

namespace XYield.ML.Runtime;

/// <summary>
/// Applies <c>TORCH_CPP_LOG_LEVEL</c> to libtorch's C++ logging once the backend is loaded.
/// </summary>
/// <remarks>
/// libtorch reads that variable only in <c>c10::initLogging()</c>, which PyTorch's Python module calls and TorchSharp does
/// not; without the call every CPU convolution on hardware without NNPACK logs "Could not initialize NNPACK! Reason:
/// Unsupported hardware." (hundreds of lines per training run). The function is exported from libc10 under its
/// Itanium-ABI name (Linux, macOS); elsewhere, or if the export is missing, logging is left as it is.
/// </remarks>
internal static class NativeLogging
{
    private const string InitLoggingExport = "_ZN3c1011initLoggingEv";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void InitLogging();

    /// <summary>Calls <c>c10::initLogging()</c>; returns whether it was found and called.</summary>
    internal static bool Apply()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // libc10 is already loaded by TorchSharp's backend, so loading it by name returns the same library.
        var name = OperatingSystem.IsMacOS() ? "libc10.dylib" : "libc10.so";
        if (!NativeLibrary.TryLoad(name, out var library) || !NativeLibrary.TryGetExport(library, InitLoggingExport, out var address))
        {
            return false;
        }

        Marshal.GetDelegateForFunctionPointer<InitLogging>(address)();
        return true;
    }
}
