using System.Diagnostics;

namespace XYield.ML.Cli.Tests.Faults;

/// <summary>
/// Kills (SIGKILL) or interrupts (SIGINT, as Ctrl+C) xyield while it writes a file the user already has: the previous file
/// stays byte for byte, no partial or empty file appears, and a later write clears the dead writer's temporary file.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class InterruptedWriteTests
{
    private static readonly byte[] Previous = "the user's previous file\n"u8.ToArray();
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-interrupt-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Killing_simulate_mid_write_keeps_the_previous_csv_and_the_next_write_clears_the_leftover()
    {
        var csv = Path.Combine(_folder, "points.csv");
        File.WriteAllBytes(csv, Previous);
        using (var process = CliProcess.Start(TestPaths.CliOutput, null, "simulate", "--count", "50000000", "--output", csv))
        {
            var temporary = WaitForTemporary(process, "points.csv", minimumBytes: 1 << 20);
            process.Kill();
            process.WaitForExit();
            Assert.That(File.Exists(temporary), Is.True, "SIGKILL leaves the writer's temporary file");
        }

        Assert.That(File.ReadAllBytes(csv), Is.EqualTo(Previous));

        var rerun = CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--count", "10", "--output", csv);
        Assert.That(rerun.ExitCode, Is.EqualTo(0), rerun.StandardError);
        Assert.That(File.ReadAllLines(csv), Has.Length.EqualTo(11), "header and 10 complete rows");
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "points.csv" }), "the dead writer's temporary file is gone");
    }

    [Test]
    public void Ctrl_c_during_simulate_exits_130_and_leaves_the_previous_csv_and_no_temporary_file()
    {
        var csv = Path.Combine(_folder, "points.csv");
        File.WriteAllBytes(csv, Previous);
        using var process = CliProcess.Start(TestPaths.CliOutput, null, "simulate", "--count", "50000000", "--output", csv);
        WaitForTemporary(process, "points.csv", minimumBytes: 1 << 20);
        CliProcess.Interrupt(process);
        var error = process.StandardError.ReadToEndAsync();
        StopsOrIsKilled(process);

        Assert.That(process.ExitCode, Is.EqualTo(130), error.Result);
        Assert.That(File.ReadAllBytes(csv), Is.EqualTo(Previous));
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "points.csv" }));
    }

    [Test]
    public void Killing_or_interrupting_train_keeps_the_previous_model_and_creates_no_empty_one()
    {
        var model = Path.Combine(_folder, "model.zip");
        File.WriteAllBytes(model, Previous);
        var fresh = Path.Combine(_folder, "fresh.zip");
        string[] Train(string output) => ["train", "--method", "np", "--device", "cpu", "--finetune-epochs", "100000", "--output", output];

        using (var killed = CliProcess.Start(TestPaths.CliOutput, null, Train(model)))
        {
            WaitForLine(killed, "epoch");
            killed.Kill();
            killed.WaitForExit();
        }

        Assert.That(File.ReadAllBytes(model), Is.EqualTo(Previous), "SIGKILL during training");

        using (var interrupted = CliProcess.Start(TestPaths.CliOutput, null, Train(fresh)))
        {
            WaitForLine(interrupted, "epoch");
            CliProcess.Interrupt(interrupted);
            StopsOrIsKilled(interrupted);
            Assert.That(interrupted.ExitCode, Is.EqualTo(130));
        }

        Assert.That(File.Exists(fresh), Is.False, "Ctrl+C leaves no empty model");
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "model.zip" }));
    }

    // A process that ignores SIGINT must not outlive the test (it would hold the test run's pipes open).
    private static void StopsOrIsKilled(Process process)
    {
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("xyield did not stop within a minute of SIGINT");
        }
    }

    // The writer's temporary file once it holds some data: the write is under way.
    private string WaitForTemporary(Process process, string target, long minimumBytes)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.That(process.HasExited, Is.False, () => $"xyield ended early: {process.StandardError.ReadToEnd()}");
            var temporary = Directory.GetFiles(_folder, target + ".*.tmp*").FirstOrDefault();
            if (temporary is not null && new FileInfo(temporary).Length >= minimumBytes)
            {
                return temporary;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"no temporary file for {target} appeared within a minute");
        return "";
    }

    private static void WaitForLine(Process process, string text)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            var line = process.StandardError.ReadLine();
            Assert.That(line, Is.Not.Null, "xyield ended before training started");
            if (line!.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"xyield printed no '{text}' line within two minutes");
    }
}
