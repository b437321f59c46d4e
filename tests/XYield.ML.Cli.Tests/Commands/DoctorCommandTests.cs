using XYield.ML.Cli.Doctor;

namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class DoctorCommandTests
{
    [Test]
    public void Healthy_machine_reports_every_check_ok()
    {
        var checks = DoctorChecks.Run(dataPath: null);

        // CUDA is a warning on a machine with an NVIDIA driver, which this CPU-only test build cannot use.
        Assert.That(checks.Where(c => c.Status != CheckStatus.Ok && c.Name != GpuCheck.Name), Is.Empty);
        Assert.That(checks.Select(c => c.Name), Is.SupersetOf(new[] { ".NET runtime", "TorchSharp (managed)", "Native backend", "CPU", "CUDA", "Experimental data" }));
        Assert.That(checks.Single(c => c.Name == "Native backend").Detail, Does.StartWith("libtorch 2."));
        Assert.That(checks.Single(c => c.Name == DataChecks.Name).Detail, Does.StartWith("238 points from the copy embedded in XYield.ML"));
    }

    [Test]
    public void Missing_data_file_is_a_warning_with_the_fix_and_the_embedded_copy_is_reported()
    {
        var checks = DoctorChecks.Run(dataPath: "/nowhere/MPEA_dataset.csv");

        var data = checks.Single(c => c.Name == DataChecks.Name);
        Assert.That(data.Status, Is.EqualTo(CheckStatus.Warning));
        Assert.That(data.Detail, Does.Contain("Borg et al.").And.Contain("/nowhere/MPEA_dataset.csv").And.Contain("leave --data out"));
        var embedded = checks.Single(c => c.Name == DataChecks.EmbeddedName);
        Assert.That(embedded.Status, Is.EqualTo(CheckStatus.Ok));
        Assert.That(embedded.Detail, Does.StartWith("238 points from the copy embedded in XYield.ML"));
        Assert.That(checks.Where(c => c.Status == CheckStatus.Failed), Is.Empty);
    }

    [Test]
    public void Unreadable_data_file_is_a_warning_that_says_why()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("xyield-doctor-").FullName, "MPEA_dataset.csv");
        File.WriteAllText(file, "not,the\nMPEA,file\n");
        try
        {
            var data = DoctorChecks.Run(file).Single(c => c.Name == DataChecks.Name);

            Assert.That(data.Status, Is.EqualTo(CheckStatus.Warning));
            Assert.That(data.Detail, Does.Contain(file).And.Contain("FORMULA").And.Contain("leave --data out"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Test]
    public void Given_data_file_that_reads_is_ok_and_named()
    {
        var folder = Directory.CreateTempSubdirectory("xyield-doctor-").FullName;
        try
        {
            var file = Path.Combine(folder, "MPEA_dataset.csv");
            using (var embedded = XYield.ML.Data.ExperimentalDataLocator.EmbeddedCopy.Open())
            using (var copy = File.Create(file))
            {
                embedded.CopyTo(copy);
            }

            var checks = DoctorChecks.Run(folder);

            Assert.That(checks.Single(c => c.Name == DataChecks.Name), Is.EqualTo(DoctorCheck.Ok(DataChecks.Name, $"238 points from {file} (from --data)")));
            Assert.That(checks.Single(c => c.Name == DataChecks.EmbeddedName).Status, Is.EqualTo(CheckStatus.Ok));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void XYIELD_DATA_pointing_nowhere_warns_names_the_variable_and_exits_with_0()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, new Dictionary<string, string> { ["XYIELD_DATA"] = "/nowhere" }, "doctor");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardOutput + result.StandardError);
        var lines = result.StandardOutput.Split('\n');
        Assert.That(lines.Single(l => l.Contains("Experimental data:", StringComparison.Ordinal)),
            Does.StartWith("WARN").And.Contain("/nowhere").And.Contain("XYIELD_DATA").And.Contain("unset it"));
        Assert.That(lines.Single(l => l.Contains("Embedded data:", StringComparison.Ordinal)), Does.StartWith("OK").And.Contain("238 points"));
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
