namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class DataCommandTests
{
    [Test]
    public void Prints_counts_by_alloy_type()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "data");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardOutput, Does.Match(@"ternary \(3\)\s*│ 17 "));
        Assert.That(result.StandardOutput, Does.Match(@"quaternary \(4\)\s*│ 78 "));
        Assert.That(result.StandardOutput, Does.Match(@"quinary \(5\)\s*│ 115 "));
        Assert.That(result.StandardOutput, Does.Match(@"senary \(6\)\s*│ 28 "));
        Assert.That(result.StandardOutput, Does.Contain("0.04 – 2.035").And.Contain("238 points"));
    }

    [Test]
    public void Missing_file_is_one_line_without_a_stack_trace()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "data", "--data", "/nowhere/MPEA_dataset.csv");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.StandardError, Does.StartWith("error: ").And.Contain("Borg et al."));
    }
}
