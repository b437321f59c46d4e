using TorchSharp;
using XYield.ML.Runtime;
using static TorchSharp.torch;

namespace XYield.ML.Tests.Runtime;

[TestFixture]
[NonParallelizable]
public sealed class TorchSmokeTests
{
    [Test]
    public void Backend_loads_on_cpu_and_reports_versions()
    {
        TorchBackend.EnsureAvailable();

        Assert.That(TorchBackend.IsAvailable, Is.True);
        Assert.That(TorchBackend.LibTorchVersion, Does.StartWith("2."));
        Assert.That(TorchBackend.CpuThreads, Is.GreaterThan(0));
    }

    [Test]
    public void Native_defaults_are_in_place_before_libtorch_loads()
    {
        TorchBackend.EnsureAvailable();

        // Set by XYield.ML unless the user chose otherwise (see NativeEnvironment).
        Assert.That(Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY"), Is.Not.Null.And.Not.Empty);
        Assert.That(Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA"), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void Tiny_conv_net_loss_goes_down_on_cpu()
    {
        TorchBackend.EnsureAvailable();
        torch.manual_seed(7);
        using var scope = torch.NewDisposeScope();

        // A 2-channel 9 x 18 input like the pseudo-image; the target is a fixed linear function of it.
        var x = torch.rand(32, 2, 9, 18);
        var y = x.sum([1, 2, 3]).unsqueeze(1) / 100;
        using var net = nn.Sequential(
            nn.Conv2d(2, 4, 3, padding: 1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 9 * 18, 1));
        using var optimizer = optim.Adam(net.parameters(), lr: 1e-2);

        var losses = new List<float>();
        for (var step = 0; step < 20; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(net.call(x), y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }

        Assert.That(losses[^1], Is.LessThan(losses[0] / 10), $"losses: {string.Join(", ", losses)}");
    }
}
