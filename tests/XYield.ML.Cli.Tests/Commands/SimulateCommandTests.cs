using System.Globalization;

namespace XYield.ML.Cli.Tests.Commands;

[TestFixture]
public sealed class SimulateCommandTests
{
    [Test]
    public void Grid_size_prints_grid_B_by_order_and_the_total()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--grid-size");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardOutput, Does.Contain("grid B"));
        Assert.That(Row(result.StandardOutput, "4"), Does.Contain("330").And.Contain("176,851").And.EndWith("1,342,299,090"));
        Assert.That(Row(result.StandardOutput, "7"), Does.EndWith("1,747,445,700"));
        Assert.That(Row(result.StandardOutput, "total"), Does.EndWith("3,786,764,091"));
    }

    [Test]
    public void Grid_size_strict_prints_grid_A()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--grid-size", "--strict");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardOutput, Does.Contain("grid A"));
        Assert.That(Row(result.StandardOutput, "3"), Does.Contain("4,851").And.EndWith("18,409,545"));
        Assert.That(Row(result.StandardOutput, "total"), Does.EndWith("1,579,570,839"));
    }

    [Test]
    public void Count_writes_the_seeded_points_to_the_csv_file()
    {
        var folder = Directory.CreateTempSubdirectory("xyield-simulate-").FullName;
        try
        {
            var first = Path.Combine(folder, "a.csv");
            var second = Path.Combine(folder, "b.csv");
            var result = CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--count", "500", "--seed", "3", "--output", first);
            CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--count", "500", "--seed", "3", "--output", second);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
            Assert.That(result.StandardOutput, Is.Empty);
            var lines = File.ReadAllLines(first);
            Assert.That(lines[0], Is.EqualTo("Al,Cr,Fe,Hf,Mo,Nb,Ta,Ti,V,W,Zr,T_K,sigma_y_MPa"));
            Assert.That(lines, Has.Length.EqualTo(501));
            Assert.That(lines.Skip(1).Select(l => l.Split(',')[..11].Sum(f => double.Parse(f, CultureInfo.InvariantCulture))), Is.All.EqualTo(1).Within(1e-9));
            Assert.That(File.ReadAllText(second), Is.EqualTo(File.ReadAllText(first)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Unwritable_output_is_refused_with_one_line_and_no_stack_trace()
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--count", "10", "--output", "/nonexistent-folder/points.csv");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.StandardError, Does.Contain("cannot write '/nonexistent-folder/points.csv'").And.Not.Contain("   at "));
    }

    [Test]
    public void Missing_mode_and_negative_count_are_refused()
    {
        var none = CliProcess.Run(TestPaths.CliOutput, null, "simulate");
        var negative = CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--count", "-5");

        Assert.That(none.ExitCode, Is.EqualTo(2));
        Assert.That(none.StandardError, Does.Contain("--grid-size").And.Contain("--count"));
        Assert.That(negative.ExitCode, Is.EqualTo(1));
        Assert.That(negative.StandardError.Trim(), Is.EqualTo("error: --count must be at least 0 points (got -5)."));
    }

    private static string Row(string output, string first) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(first + " ", StringComparison.Ordinal));
}
