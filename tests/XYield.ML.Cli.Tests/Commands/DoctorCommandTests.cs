using XYield.ML.Cli.Doctor;

namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class DoctorCommandTests
{
    [Test]
    public void Healthy_machine_reports_every_check_ok()
    {
        var checks = DoctorChecks.Run(dataPath: null);

        Assert.That(checks.Where(c => c.Status != CheckStatus.Ok), Is.Empty);
        Assert.That(checks.Select(c => c.Name), Is.SupersetOf(new[] { ".NET runtime", "TorchSharp (managed)", "Native backend", "CPU", "CUDA", "Experimental data" }));
        Assert.That(checks.Single(c => c.Name == "Native backend").Detail, Does.StartWith("libtorch 2."));
    }

    [Test]
    public void Missing_data_file_fails_with_a_fix()
    {
        var checks = DoctorChecks.Run(dataPath: "/nowhere/MPEA_dataset.csv");

        var data = checks.Single(c => c.Name == "Experimental data");
        Assert.That(data.Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(data.Detail, Does.Contain("Borg et al.").And.Contain("/nowhere/MPEA_dataset.csv"));
    }

    [Test]
    public void Unloadable_backend_prints_one_actionable_line_and_no_stack_trace()
    {
        // A copy of the CLI without its native folders, with an empty NuGet cache: the backend cannot load.
        var copy = Directory.CreateTempSubdirectory("xyield-no-native-").FullName;
        var emptyCache = Directory.CreateTempSubdirectory("xyield-empty-nuget-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.CliOutput))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            var result = CliProcess.Run(copy, new Dictionary<string, string> { ["NUGET_PACKAGES"] = emptyCache }, "doctor");

            Assert.That(result.ExitCode, Is.EqualTo(1), result.StandardOutput + result.StandardError);
            var backendLine = result.StandardOutput.Split('\n').Single(l => l.Contains("Native backend", StringComparison.Ordinal));
            Assert.That(backendLine, Does.StartWith("FAIL").And.Contain("TorchSharp-cpu"));
            Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain("   at ").And.Not.Contain("Trace from LoadNativeBackend"));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
            Directory.Delete(emptyCache, recursive: true);
        }
    }

    [Test]
    public void Version_option_prints_the_package_version()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "--version");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.StandardOutput.Trim(), Does.StartWith("0.1.0"));
    }
}
