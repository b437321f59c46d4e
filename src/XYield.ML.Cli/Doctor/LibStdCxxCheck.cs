using System.Text;
using XYield.ML.Runtime;

namespace XYield.ML.Cli.Doctor;

/// <summary>On Linux, checks that the system libstdc++ exports the symbol version libtorch's wrapper needs.</summary>
internal static class LibStdCxxCheck
{
    private static readonly string[] Candidates =
    [
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];

    public static DoctorCheck? Run()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var path = Candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return DoctorCheck.Warning("libstdc++", "not found in the usual folders; cannot check its version.");
        }

        var required = TorchBackend.RequiredGlibcxx;
        return ContainsAscii(path, required)
            ? DoctorCheck.Ok("libstdc++", $"{path} provides {required}")
            : DoctorCheck.Failed("libstdc++", $"{path} lacks {required} (needs GCC 13+'s libstdc++). On Debian 12 run, as root, {TorchBackend.NativePrerequisitesScript}; elsewhere upgrade libstdc++6.");
    }

    private static bool ContainsAscii(string path, string text)
    {
        var needle = Encoding.ASCII.GetBytes(text + "\0");
        var bytes = File.ReadAllBytes(Path.GetFullPath(path));
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}
