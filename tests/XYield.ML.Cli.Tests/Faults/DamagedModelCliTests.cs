using System.IO.Compression;
using Microsoft.ML;
using XYield.ML.Cli.Workflows;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Cli.Tests.Faults;

/// <summary>
/// <c>xyield predict</c> on damaged, tampered and foreign model files, and <c>xyield benchmark</c> on a folder another
/// process holds: exit code 1 and one line that names the file, never a stack trace.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DamagedModelCliTests
{
    private string _folder = "";
    private string _good = "";

    [OneTimeSetUp]
    public void SaveOneModel()
    {
        _folder = Directory.CreateTempSubdirectory("xyield-damaged-").FullName;
        _good = Path.Combine(_folder, "good.zip");
        var settings = TrainSettings.Quick(YieldCnnMethod.NoPretraining, YieldTask.Regression, split: 10, seed: 0, data: null, device: "cpu") with
        {
            FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 1 },
        };
        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);
        new Microsoft.ML.MLContext().Model.SaveYieldModel(result.Model, result.InputSchema, _good);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Damaged_models_are_one_line_errors_naming_the_file()
    {
        var cases = new Dictionary<string, string>
        {
            [Variant("truncated.zip", bytes => bytes[..(bytes.Length / 2)])] = "is not a model XYield.ML can load",
            [Variant("garbage.zip", bytes => [.. bytes.Select((b, i) => (byte)(b ^ (i * 31)))])] = "is not a model XYield.ML can load",
            [Variant("empty.zip", _ => [])] = "is not a model XYield.ML can load",
            [Entry("huge-width.zip", weights => BitConverter.GetBytes(1 << 30).CopyTo(weights, 31))] = "exceed what XYield.ML writes",
            [Entry("version.zip", weights => BitConverter.GetBytes(7).CopyTo(weights, 10))] = "version 7",
            [Entry("cut-weights.zip", weights => BitConverter.GetBytes(long.MaxValue).CopyTo(weights, 56))] = "bytes of weights",
            [Foreign()] = "not an XYield.ML one",
        };

        foreach (var (path, says) in cases)
        {
            var result = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", path, "--alloy", "MoNbTaTiW", "--temperature", "1273.15");
            Assert.That(result.ExitCode, Is.EqualTo(1), path);
            Assert.That(result.StandardOutput, Is.Empty, path);
            Assert.That(result.StandardError.TrimEnd(), Does.StartWith("error: ").And.Contain(path).And.Contain(says).And.Not.Contain("\n"), path);
        }

        var good = CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", _good, "--alloy", "MoNbTaTiW", "--temperature", "1273.15");
        Assert.That(good.ExitCode, Is.EqualTo(0), good.StandardError);
    }

    [Test]
    public void A_benchmark_folder_held_by_another_process_is_refused_in_one_line()
    {
        var output = Path.Combine(_folder, "bench");
        Directory.CreateDirectory(output);
        using var held = new FileStream(Path.Combine(output, ".xyield-benchmark.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = CliProcess.Run(TestPaths.CliOutput, null, "benchmark", "--quick", "--methods", "mc", "--device", "cpu", "--output", output);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.StandardOutput);
        // The plan line comes first; then one error line.
        var error = result.StandardError.TrimEnd().Split('\n')[^1];
        Assert.That(error, Does.StartWith("error: Another benchmark process").And.Contain(output));
        Assert.That(result.StandardError, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(File.Exists(Path.Combine(output, "results.json")), Is.False);
    }

    private string Variant(string name, Func<byte[], byte[]> change)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, change(File.ReadAllBytes(_good)));
        return path;
    }

    // Tampers with the network stream inside the zip (from its magic on), as a hand-edited model would be.
    private string Entry(string name, Action<byte[]> change)
    {
        var path = Path.Combine(_folder, name);
        File.Copy(_good, path, overwrite: true);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("YieldCnn.bin", StringComparison.Ordinal));
        using var copy = new MemoryStream();
        using (var read = entry.Open())
        {
            read.CopyTo(copy);
        }

        var bytes = copy.ToArray();
        var at = bytes.AsSpan().IndexOf("XYield.CNN"u8);
        var changed = bytes[..at].Concat(Changed(bytes[at..], change)).ToArray(); // same length: any prefix stays valid
        var fullName = entry.FullName;
        entry.Delete();
        using var write = zip.CreateEntry(fullName).Open();
        write.Write(changed);
        return path;
    }

    private static byte[] Changed(byte[] stream, Action<byte[]> change)
    {
        change(stream);
        return stream;
    }

    private string Foreign()
    {
        var ml = new Microsoft.ML.MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { Temperature = 300 }, new Row { Temperature = 900 } });
        var path = Path.Combine(_folder, "foreign.zip");
        ml.Model.Save(ml.Transforms.NormalizeMinMax("Temperature").Fit(data), data.Schema, path);
        return path;
    }

    private sealed class Row
    {
        public float Temperature { get; set; }
    }
}
