using XYield.ML.Cli.Doctor;

namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class GpuCheckTests
{
    private const string Build = "dotnet publish src/XYield.ML.Cli -p:TorchSharpBackend=TorchSharp-cuda-linux";

    [Test]
    public void Cpu_backend_without_a_driver_is_ok_and_says_how_to_get_a_gpu_build_and_what_device_does()
    {
        var check = GpuCheck.Describe(cudaDevices: 0, cudaBackend: false, nvidiaDriver: null, cudaBuild: Build);

        Assert.That(check.Status, Is.EqualTo(CheckStatus.Ok));
        Assert.That(check.Detail, Does.Contain("CPU backend").And.Contain(Build).And.Contain("docs/tool-packaging.md")
            .And.Contain("--device auto").And.Contain("--device cpu"));
    }

    [Test]
    public void Cpu_backend_beside_an_nvidia_driver_warns_with_the_build_that_would_use_it()
    {
        var check = GpuCheck.Describe(0, cudaBackend: false, nvidiaDriver: "550.54.15", cudaBuild: Build);

        Assert.That(check.Status, Is.EqualTo(CheckStatus.Warning));
        Assert.That(check.Detail, Does.Contain("NVIDIA driver 550.54.15").And.Contain(Build).And.Contain("--device cuda:N"));
    }

    [Test]
    public void Cuda_backend_without_a_gpu_warns_about_the_driver_not_the_build()
    {
        var check = GpuCheck.Describe(0, cudaBackend: true, nvidiaDriver: null, cudaBuild: Build);

        Assert.That(check.Status, Is.EqualTo(CheckStatus.Warning));
        Assert.That(check.Detail, Does.Contain("CUDA backend is loaded but sees no GPU").And.Contain("no NVIDIA driver").And.Not.Contain(Build));
    }

    [Test]
    public void Visible_gpus_are_listed_with_their_device_names()
    {
        var check = GpuCheck.Describe(2, cudaBackend: true, nvidiaDriver: "550.54.15", cudaBuild: Build);

        Assert.That(check.Status, Is.EqualTo(CheckStatus.Ok));
        Assert.That(check.Detail, Does.StartWith("2 GPUs, cuda:0 … cuda:1;"));
        Assert.That(GpuCheck.Describe(1, true, null, Build).Detail, Does.StartWith("1 GPU, cuda:0;"));
    }

    [Test]
    public void A_platform_without_a_cuda_build_gets_no_build_advice()
    {
        var check = GpuCheck.Describe(0, cudaBackend: false, nvidiaDriver: null, cudaBuild: null);

        Assert.That(check.Status, Is.EqualTo(CheckStatus.Ok));
        Assert.That(check.Detail, Does.Contain("runs on the CPU").And.Not.Contain("publish"));
    }

    [Test]
    public void This_cpu_test_build_is_reported_as_the_cpu_backend()
    {
        Assume.That(OperatingSystem.IsMacOS(), Is.False, "macOS has no CUDA build to advise");
        Assert.That(GpuCheck.Run().Detail, Does.Contain("TorchSharp's CPU backend"));
    }
}
