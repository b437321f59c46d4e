using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Tests.Catalog;

/// <summary>
/// <c>mlContext.Model.LoadYieldModel</c> on damaged, tampered and foreign model zips: one <see cref="InvalidDataException"/>
/// naming the file, whatever ML.NET wrapped it in.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ModelLoadingTests
{
    private string _folder = "";
    private string _good = "";

    private sealed class Alloy
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }

    [OneTimeSetUp]
    public void SaveOneModel()
    {
        _folder = Directory.CreateTempSubdirectory("xyield-load-").FullName;
        _good = Path.Combine(_folder, "good.zip");
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var pipeline = ml.Transforms.FeaturizeComposition().Append(ml.Transforms.FeaturizePseudoImage())
            .Append(ml.Regression.Trainers.YieldCnn(new YieldCnnTrainerOptions
            {
                LabelColumnName = "YieldStrength",
                Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
                FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 1, BatchSize = 8 },
                Device = "cpu",
            }));
        using var model = pipeline.Fit(data);
        ml.Model.Save(model, data.Schema, _good);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_good_model_loads_and_predicts()
    {
        var ml = new MLContext();
        var model = ml.Model.LoadYieldModel(_good, out var schema);
        using (model as IDisposable)
        {
            Assert.That(schema.GetColumnOrNull("Formula"), Is.Not.Null);
            var scores = model.Transform(ml.Data.LoadFromEnumerable(Rows())).GetColumn<float>("Score").ToArray();
            Assert.That(scores, Has.Length.EqualTo(12).And.All.Matches<float>(float.IsFinite));
        }
    }

    [Test]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var path = Write("text.zip", "Formula,Temperature\nMoNbTaW,300\n"u8.ToArray());
        AssertRefused(path, "zip");
    }

    [Test]
    public void A_truncated_zip_is_refused([Values(2, 4, 8)] int fraction)
    {
        var bytes = File.ReadAllBytes(_good);
        AssertRefused(Write($"half-{fraction}.zip", bytes[..(bytes.Length * (fraction - 1) / fraction)]), null);
    }

    [Test]
    public void A_tampered_weights_entry_is_refused_with_its_reason()
    {
        AssertRefused(TamperWeights("huge-width.zip", w => BitConverter.GetBytes(1 << 30).CopyTo(w, 31)), "exceed what XYield.ML writes");
        AssertRefused(TamperWeights("cut.zip", w => w[..(w.Length / 2)]), "truncated");
        AssertRefused(TamperWeights("nan.zip", w => BitConverter.GetBytes(float.NaN).CopyTo(w, Storage.WeightOffsets.FirstFloat(w, "fc1.weight"))), "NaN or infinity");
        AssertRefused(TamperWeights("version.zip", w => BitConverter.GetBytes(99).CopyTo(w, 10)), "version 99");
    }

    [Test]
    public void A_zip_without_the_weights_entry_is_refused()
    {
        var path = Copy("no-weights.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.Entries.Single(e => e.FullName.EndsWith("YieldCnn.bin", StringComparison.Ordinal)).Delete();
        }

        AssertRefused(path, "YieldCnn.bin");
    }

    [Test]
    public void A_foreign_mlnet_model_is_refused()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(Rows());
        var foreign = ml.Transforms.NormalizeMinMax("Temperature").Fit(data);
        var path = Path.Combine(_folder, "foreign.zip");
        ml.Model.Save(foreign, data.Schema, path);

        AssertRefused(path, "not an XYield.ML one");
    }

    [Test]
    public void A_missing_file_is_a_file_not_found_error()
    {
        var path = Path.Combine(_folder, "absent.zip");
        var error = Assert.Throws<FileNotFoundException>(() => new MLContext().Model.LoadYieldModel(path, out _))!;
        Assert.That(error.Message, Does.Contain(path));
    }

    private string TamperWeights(string name, Action<byte[]> tamper) => TamperWeights(name, w =>
    {
        tamper(w);
        return w;
    });

    private string TamperWeights(string name, Func<byte[], byte[]> tamper)
    {
        var path = Copy(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("YieldCnn.bin", StringComparison.Ordinal));
        byte[] bytes;
        using (var read = entry.Open())
        using (var copy = new MemoryStream())
        {
            read.CopyTo(copy);
            bytes = copy.ToArray();
        }

        var fullName = entry.FullName;
        entry.Delete();
        // The entry is our stream, perhaps behind a length prefix: tamper with what starts at the magic.
        var at = bytes.AsSpan().IndexOf("XYield.CNN"u8);
        Assert.That(at, Is.EqualTo(0).Or.EqualTo(8), "the weights entry holds the network stream");
        var payload = tamper(bytes[at..]);
        using var write = zip.CreateEntry(fullName).Open();
        if (at == 8)
        {
            write.Write(BitConverter.GetBytes((long)payload.Length));
        }

        write.Write(payload);
        return path;
    }

    private string Copy(string name)
    {
        var path = Path.Combine(_folder, name);
        File.Copy(_good, path, overwrite: true);
        return path;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertRefused(string path, string? says)
    {
        var error = Assert.Throws<InvalidDataException>(() => new MLContext().Model.LoadYieldModel(path, out _), path)!;
        Assert.That(error.Message, Does.Contain(path));
        Assert.That(error.Message, Does.Not.Contain("\n"));
        if (says is not null)
        {
            Assert.That(error.Message, Does.Contain(says));
        }
    }

    private static Alloy[] Rows() => Enumerable.Range(0, 12).Select(i => new Alloy
    {
        Formula = i % 2 == 0 ? "MoNbTaW" : "HfNbTaTiZr",
        Temperature = 300 + (100 * i),
        YieldStrength = 1.2f - (0.05f * i),
    }).ToArray();
}
