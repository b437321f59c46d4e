using XYield.ML.Runtime;

namespace XYield.ML.Tests.Runtime;

[TestFixture]
public sealed class NativeLoadDiagnosisTests
{
    private static readonly Exception TorchSharpFailure = new TypeInitializationException(
        "TorchSharp.torch",
        new NotSupportedException("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64, Version=2.10.0.0.\n\nTrace from LoadNativeBackend: ..."));

    [Test]
    public void Old_libstdcxx_names_the_symbol_and_the_setup_script()
    {
        const string loader = "Unable to load shared library '/app/libLibTorchSharp.so' or one of its dependencies.\n" +
                              "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)";

        var e = NativeLoadDiagnosis.Diagnose(TorchSharpFailure, "/app/libLibTorchSharp.so", _ => loader);

        Assert.That(e.Problem, Is.EqualTo(TorchBackendProblem.LibStdCxxTooOld));
        Assert.That(e.Message, Does.Contain("GLIBCXX_3.4.32").And.Contain("install-native-prerequisites.sh").And.Contain("Debian 12"));
        Assert.That(e.Message, Does.Contain("version `GLIBCXX_3.4.32' not found"), "the loader's own reason is quoted");
        Assert.That(e.Message, Does.Not.Contain("Trace from LoadNativeBackend"));
        Assert.That(e.InnerException, Is.SameAs(TorchSharpFailure));
    }

    [Test]
    public void Missing_native_files_ask_for_a_backend_package()
    {
        var e = NativeLoadDiagnosis.Diagnose(TorchSharpFailure, wrapper: null, _ => throw new AssertionException("nothing to load"));

        Assert.That(e.Problem, Is.EqualTo(TorchBackendProblem.NoBackendPackage));
        Assert.That(e.Message, Does.Contain("TorchSharp-cpu").And.Contain("TorchSharp-cuda-linux"));
    }

    [Test]
    public void Other_loader_errors_are_quoted_with_the_path()
    {
        var e = NativeLoadDiagnosis.Diagnose(TorchSharpFailure, "/app/libLibTorchSharp.so", _ => "libc10.so: cannot open shared object file");

        Assert.That(e.Problem, Is.EqualTo(TorchBackendProblem.NativeLoadFailed));
        Assert.That(e.Message, Does.Contain("/app/libLibTorchSharp.so").And.Contain("libc10.so: cannot open shared object file"));
    }

    [Test]
    public void A_loadable_wrapper_with_another_failure_points_to_doctor()
    {
        var e = NativeLoadDiagnosis.Diagnose(new InvalidOperationException("boom"), "/app/libLibTorchSharp.so", _ => null);

        Assert.That(e.Problem, Is.EqualTo(TorchBackendProblem.Unknown));
        Assert.That(e.Message, Does.Contain("boom").And.Contain("xyield doctor"));
    }
}
