using XYield.ML.Runtime;
using XYield.ML.Tests.Training;
using XYield.ML.Training;

namespace XYield.ML.Tests.Runtime;

public sealed class TorchDevicesTests
{
    [Test]
    public void Auto_and_cpu_resolve_and_log_the_decision()
    {
        var log = new List<string>();

        var auto = TorchDevices.Resolve("auto", allowCpuFallback: false, log.Add);
        var cpu = TorchDevices.Resolve("CPU", allowCpuFallback: false, log.Add);

        Assert.That(auto.type, Is.EqualTo(TorchBackend.IsCudaAvailable ? TorchSharp.DeviceType.CUDA : TorchSharp.DeviceType.CPU));
        Assert.That(cpu.type, Is.EqualTo(TorchSharp.DeviceType.CPU));
        Assert.That(log, Has.Count.EqualTo(2));
        Assert.That(log[0], Does.StartWith("Device auto: using"));
    }

    [Test]
    public void Forcing_cuda_without_cuda_fails_or_falls_back_with_a_warning()
    {
        Assume.That(TorchBackend.IsCudaAvailable, Is.False, "this test needs a machine without CUDA");
        var log = new List<string>();

        Assert.That(
            () => TorchDevices.Resolve("cuda:1", allowCpuFallback: false, log.Add),
            Throws.TypeOf<DeviceUnavailableException>().With.Message.Contains("'cuda:1' was requested but CUDA is not available")
                .And.Property(nameof(DeviceUnavailableException.Setting)).EqualTo("cuda:1"));
        var fallback = TorchDevices.Resolve("cuda", allowCpuFallback: true, log.Add);

        Assert.That(fallback.type, Is.EqualTo(TorchSharp.DeviceType.CPU));
        Assert.That(log, Has.One.StartsWith("Warning: device 'cuda' was requested"));
    }

    [TestCase("gpu")]
    [TestCase("cuda:x")]
    [TestCase("cuda:-1")]
    public void Unknown_device_settings_are_refused(string setting) =>
        Assert.That(
            () => TorchDevices.Resolve(setting, allowCpuFallback: true, null),
            Throws.ArgumentException.With.Message.Contains($"'{setting}'"));
}
