namespace XYield.ML.Tests.Cli.Benchmark;

[TestFixture]
public sealed class BenchmarkCommandTests
{
    [TestCase("--methods", "lgbm,forest", "Unknown method 'forest'")]
    [TestCase("--splits", "5,twenty", "Unknown split 'twenty'")]
    [TestCase("--tasks", "ranking", "Unknown task 'ranking'")]
    [TestCase("--seeds", "0", "--seeds must be at least 1")]
    public void Bad_options_are_one_line_errors(string option, string value, string message)
    {
        var output = Path.Combine(Path.GetTempPath(), "xyield-bad-options-" + Guid.NewGuid().ToString("N"));

        var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", option, value, "--output", output);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
        Assert.That(result.StandardError, Does.StartWith("error: ").And.Contain(message));
        Assert.That(Directory.Exists(output), Is.False, "nothing is written before the options are checked");
    }

    [Test]
    public void Unwritable_output_folder_is_a_one_line_error()
    {
        // A folder inside a regular file cannot be created, even by root.
        var file = Path.GetTempFileName();
        try
        {
            var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "--methods", "mc", "--output", Path.Combine(file, "report"));

            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
            Assert.That(result.StandardError, Does.StartWith("error: Cannot write to the output folder"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Maresca_Curtin_benchmark_writes_the_report()
    {
        var output = Directory.CreateTempSubdirectory("xyield-benchmark-").FullName;
        try
        {
            var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "--methods", "mc", "--splits", "10", "--seeds", "2", "--tasks", "regression", "--output", output);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
            Assert.That(File.ReadAllText(Path.Combine(output, "report.md")), Does.Contain("| Maresca–Curtin (simulation) | 0."));
            Assert.That(File.ReadAllLines(Path.Combine(output, "results.csv")), Has.Length.EqualTo(3));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
