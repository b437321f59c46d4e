using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using XYield.ML.Runtime;

namespace XYield.ML.Cli.Doctor;

/// <summary>
/// The doctor's CUDA line: which devices <c>--device</c> can use and, when that is only the CPU, what would change it.
/// The installed tool bundles the CPU backend, so a GPU needs a build with a CUDA backend (docs/tool-packaging.md).
/// </summary>
internal static partial class GpuCheck
{
    public const string Name = "CUDA";

    private const string DeviceHelp =
        "--device auto (the default) picks cuda:0 when CUDA works and the CPU otherwise, --device cuda:N insists on GPU N, --device cpu stays on the CPU";

    /// <summary>Inspects the loaded backend and the machine. Call after the backend loaded.</summary>
    public static DoctorCheck Run() => Describe(TorchBackend.CudaDeviceCount, HasCudaBackend(), NvidiaDriver(), CudaBuildCommand());

    /// <summary>The line for what was found.</summary>
    /// <param name="cudaDevices">CUDA devices the backend sees.</param>
    /// <param name="cudaBackend">Whether the backend is a CUDA build of libtorch.</param>
    /// <param name="nvidiaDriver">The NVIDIA driver found on the machine, or null.</param>
    /// <param name="cudaBuild">The command that builds the tool with a CUDA backend here; null where there is none (macOS).</param>
    public static DoctorCheck Describe(int cudaDevices, bool cudaBackend, string? nvidiaDriver, string? cudaBuild)
    {
        if (cudaDevices > 0)
        {
            var devices = cudaDevices == 1 ? "1 GPU, cuda:0" : $"{cudaDevices} GPUs, cuda:0 … cuda:{cudaDevices - 1}";
            return DoctorCheck.Ok(Name, $"{devices}; {DeviceHelp}.");
        }

        if (cudaBuild is null)
        {
            return DoctorCheck.Ok(Name, "none on this platform (TorchSharp has no GPU backend for it); training runs on the CPU.");
        }

        var driver = nvidiaDriver is null ? "no NVIDIA driver was found" : $"NVIDIA driver {nvidiaDriver}";
        if (cudaBackend)
        {
            return DoctorCheck.Warning(Name, $"the CUDA backend is loaded but sees no GPU ({driver}; libtorch 2.10 needs a driver for CUDA 12.8), so training runs on the CPU; {DeviceHelp}.");
        }

        var build = $"build the tool with a CUDA backend from a clone of XYield.ML: {cudaBuild} (docs/tool-packaging.md)";
        return nvidiaDriver is null
            ? DoctorCheck.Ok(Name, $"not available: this build has TorchSharp's CPU backend and {driver}, so training runs on the CPU; {DeviceHelp}. For an NVIDIA GPU, {build}.")
            : DoctorCheck.Warning(Name, $"{driver} is installed, but this build has TorchSharp's CPU backend, so training runs on the CPU. To train on the GPU, {build}; {DeviceHelp}.");
    }

    private static string? CudaBuildCommand() =>
        OperatingSystem.IsLinux() ? "dotnet publish src/XYield.ML.Cli -c Release -r linux-x64 -p:TorchSharpBackend=TorchSharp-cuda-linux -o xyield-cuda"
        : OperatingSystem.IsWindows() ? "dotnet publish src/XYield.ML.Cli -c Release -r win-x64 -p:TorchSharpBackend=TorchSharp-cuda-windows -o xyield-cuda"
        : null;

    /// <summary>Whether a CUDA build of libtorch is beside the application: TorchSharp-cuda-* ship libtorch_cuda / torch_cuda.</summary>
    private static bool HasCudaBackend()
    {
        var name = OperatingSystem.IsWindows() ? "torch_cuda.dll" : "libtorch_cuda.so";
        var root = AppContext.BaseDirectory;
        return File.Exists(Path.Combine(root, name))
            || File.Exists(Path.Combine(root, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", name));
    }

    /// <summary>The NVIDIA driver's version on Linux ("installed" if unreadable), "installed" on Windows when nvidia-smi is there, else null.</summary>
    private static string? NvidiaDriver()
    {
        const string linuxVersion = "/proc/driver/nvidia/version";
        if (OperatingSystem.IsLinux() && File.Exists(linuxVersion))
        {
            try
            {
                var match = DriverVersion().Match(File.ReadAllText(linuxVersion));
                return match.Success ? match.Groups[1].Value : "installed";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return "installed";
            }
        }

        return OperatingSystem.IsWindows() && File.Exists(Path.Combine(Environment.SystemDirectory, "nvidia-smi.exe")) ? "installed" : null;
    }

    // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 …"
    [GeneratedRegex(@"Kernel Module\s+([0-9][0-9.]*)")]
    private static partial Regex DriverVersion();
}
