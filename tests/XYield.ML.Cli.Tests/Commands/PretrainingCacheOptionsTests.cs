namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class PretrainingCacheOptionsTests
{
    [TestCase(new[] { "--pretrain-seed", "-1" }, "--pretrain-seed must be ≥ 0 (got -1)")]
    [TestCase(new[] { "--cache", "/tmp/somewhere", "--no-cache" }, "--cache '/tmp/somewhere' and --no-cache contradict each other")]
    public void Bad_cache_options_are_one_line_errors(string[] options, string message)
    {
        var output = Path.Combine(Path.GetTempPath(), "xyield-bad-cache-options-" + Guid.NewGuid().ToString("N"));

        var result = CliProcess.Run(TestPaths.CliOutput, null, ["benchmark", "--methods", "pt", .. options, "--output", output]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
        Assert.That(result.StandardError, Does.StartWith("error: ").And.Contain(message));
        Assert.That(Directory.Exists(output), Is.False, "nothing is written before the options are checked");
    }
}
