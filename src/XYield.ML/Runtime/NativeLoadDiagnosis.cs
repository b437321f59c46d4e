using System.Runtime.InteropServices;

namespace XYield.ML.Runtime;

/// <summary>
/// Turns TorchSharp's long load trace into one actionable sentence. TorchSharp reports only that
/// loading failed; the dynamic loader's reason (for example a missing GLIBCXX symbol version) is
/// found by loading libLibTorchSharp directly and reading the error it gives.
/// </summary>
internal static class NativeLoadDiagnosis
{
    /// <summary>The newest libstdc++ symbol version that TorchSharp 0.107's native wrapper requires.</summary>
    internal const string RequiredGlibcxx = "GLIBCXX_3.4.32";

    internal const string SetupScript = "eng/install-native-prerequisites.sh";

    internal static TorchBackendUnavailableException Diagnose(Exception failure) =>
        Diagnose(failure, FindNativeWrapper(), TryLoad);

    /// <summary>Diagnoses a failure given where the native wrapper is (if anywhere) and how to load it.</summary>
    internal static TorchBackendUnavailableException Diagnose(Exception failure, string? wrapper, Func<string, string?> tryLoad)
    {
        var torchSharpMessage = Innermost(failure).Message;

        if (wrapper is null && torchSharpMessage.Contains("doesn't contain a reference to libtorch", StringComparison.Ordinal))
        {
            return new TorchBackendUnavailableException(
                "TorchSharp's native libraries were found neither beside the application nor in the NuGet cache. Add a " +
                "backend package to the application (not to a library): <PackageReference Include=\"TorchSharp-cpu\" Version=\"0.107.0\" /> " +
                "for CPU, or TorchSharp-cuda-linux / TorchSharp-cuda-windows for an NVIDIA GPU; if it is already referenced, " +
                "restore and rebuild so the native files are present.",
                TorchBackendProblem.NoBackendPackage, failure);
        }

        var loaderError = wrapper is null ? null : tryLoad(wrapper);
        if (loaderError is not null && loaderError.Contains("GLIBCXX", StringComparison.Ordinal))
        {
            return new TorchBackendUnavailableException(
                $"TorchSharp's native backend needs a C++ runtime with {RequiredGlibcxx} (libstdc++ from GCC 13 or newer), " +
                $"and this system's libstdc++ is older. On Debian 12, as root, run {SetupScript} from the XYield.ML " +
                "repository (it installs libstdc++6 from Debian 13 with a low pin priority). Elsewhere, upgrade " +
                $"libstdc++6 to a GCC 13+ build. Loader said: {LineContaining(loaderError, "GLIBCXX")}",
                TorchBackendProblem.LibStdCxxTooOld, failure);
        }

        if (loaderError is not null)
        {
            return new TorchBackendUnavailableException(
                $"TorchSharp's native backend at '{wrapper}' could not be loaded: {FirstLine(loaderError)}",
                TorchBackendProblem.NativeLoadFailed, failure);
        }

        return new TorchBackendUnavailableException(
            $"TorchSharp's native backend could not be initialised: {FirstLine(torchSharpMessage)} " +
            "Check that the application references exactly one TorchSharp backend package (TorchSharp-cpu or TorchSharp-cuda-*) " +
            "of the same version as TorchSharp, and run 'xyield doctor' for a full report.",
            TorchBackendProblem.Unknown, failure);
    }

    /// <summary>Where TorchSharp looks for libLibTorchSharp: next to the app, in runtimes/, and the folders it consolidates into.</summary>
    internal static string? FindNativeWrapper()
    {
        var name = OperatingSystem.IsWindows() ? "LibTorchSharp.dll"
            : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        var root = AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(root, name),
            Path.Combine(root, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", name),
            Path.Combine(root, "cpu", name),
            Path.Combine(root, "cuda", name),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Loads a native library and returns the loader's error text, or null when it loads.</summary>
    private static string? TryLoad(string path)
    {
        try
        {
            var handle = NativeLibrary.Load(path);
            NativeLibrary.Free(handle);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
        catch (BadImageFormatException e)
        {
            return e.Message;
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static string LineContaining(string text, string word) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(word, StringComparison.Ordinal)) ?? FirstLine(text);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }
}
