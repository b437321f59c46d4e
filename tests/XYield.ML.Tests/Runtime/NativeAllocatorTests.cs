using XYield.ML.Runtime;

namespace XYield.ML.Tests.Runtime;

[TestFixture]
public sealed class NativeAllocatorTests
{
    [Test]
    public void Freed_memory_is_kept_on_linux_once_the_backend_loads()
    {
        TorchBackend.EnsureAvailable();

        // Without either opt-out, glibc's mallopt must have accepted both settings.
        Assume.That(Environment.GetEnvironmentVariable(NativeAllocator.OptOutVariable), Is.Null);
        Assume.That(Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? "", Does.Not.Contain("glibc.malloc."));
        Assert.That(TorchBackend.RetainsFreedNativeMemory, Is.EqualTo(OperatingSystem.IsLinux()));
    }

    [TestCase("XYIELD_MALLOC_TUNING", "0")]
    [TestCase("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0")]
    public void The_users_choice_leaves_malloc_alone(string variable, string value)
    {
        var applied = NativeAllocator.Apply(name => name == variable ? value : null);

        Assert.That(applied, Is.False);
    }

    [Test]
    public void Other_glibc_tunables_do_not_opt_out()
    {
        var applied = NativeAllocator.Apply(name => name == "GLIBC_TUNABLES" ? "glibc.pthread.rseq=0" : null);

        Assert.That(applied, Is.EqualTo(OperatingSystem.IsLinux()));
    }
}
