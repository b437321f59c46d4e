using XYield.ML.Runtime;

namespace XYield.ML.Cli.Tests;

/// <summary>
/// Loads libtorch through XYield.ML before any test touches TorchSharp, so the library's native defaults
/// (the AVX2 cap, see Runtime/NativeEnvironment.cs) apply to every test as they do to applications.
/// </summary>
[SetUpFixture]
public sealed class TorchSetUp
{
    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();
}
