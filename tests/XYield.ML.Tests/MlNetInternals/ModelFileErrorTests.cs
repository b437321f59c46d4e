using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.MlNetInternals;

/// <summary>What a user sees when a model file is truncated, foreign or damaged.</summary>
[TestFixture]
public sealed class ModelFileErrorTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public float YieldStrength { get; set; }
    }

    private byte[] SavedBinner()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Row { YieldStrength = 1 } });
        using var stream = new MemoryStream();
        _ml.Model.Save(_ml.Transforms.BinYieldStrength().Fit(data), data.Schema, stream);
        return stream.ToArray();
    }

    private Exception LoadFails(byte[] model)
    {
        using var stream = new MemoryStream(model);
        return Assert.Catch(() => _ml.Model.Load(stream, out _))!;
    }

    /// <summary>The messages of an exception and its inner exceptions, as the user would read them.</summary>
    private static string Messages(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            parts.Add($"{x.GetType().Name}: {x.Message}");
        }

        return string.Join(" | ", parts);
    }

    /// <summary>Rewrites the zip entry that holds the binner's Model.key.</summary>
    private static byte[] WithBinnerKey(byte[] model, Func<byte[], byte[]> change)
    {
        using var stream = new MemoryStream();
        stream.Write(model);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("Model.key", StringComparison.Ordinal) && Contains(Read(e), "XYYSBINR"));
            var changed = change(Read(entry));
            var name = entry.FullName;
            entry.Delete();
            using var writer = zip.CreateEntry(name).Open();
            writer.Write(changed);
        }

        return stream.ToArray();
    }

    private static bool Contains(byte[] bytes, string ascii) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii)) >= 0;

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var source = entry.Open();
        using var copy = new MemoryStream();
        source.CopyTo(copy);
        return copy.ToArray();
    }

    [Test]
    public void Truncated_file_fails_to_load()
    {
        var model = SavedBinner();

        var e = LoadFails(model[..(model.Length / 2)]);

        TestContext.Out.WriteLine(Messages(e));
        Assert.That(Messages(e), Does.Contain("zip").IgnoreCase.Or.Contain("central directory").IgnoreCase);
    }

    [Test]
    public void Foreign_file_fails_to_load()
    {
        var e = LoadFails(Encoding.UTF8.GetBytes("alloy,ys\nMoNbTaW,1.05\n"));

        TestContext.Out.WriteLine(Messages(e));
        Assert.That(Messages(e), Does.Contain("zip").IgnoreCase.Or.Contain("central directory").IgnoreCase);
    }

    [Test]
    public void Truncated_binner_entry_fails_to_load_instead_of_loading_a_wrong_model()
    {
        // ML.NET checks the entry's sizes before our loader runs, so the message is ML.NET's own.
        var damaged = WithBinnerKey(SavedBinner(), key => key[..^12]);

        Assert.That(LoadFails(damaged), Is.TypeOf<FormatException>());
    }

    [Test]
    public void Unknown_unit_in_a_damaged_entry_names_the_component_and_the_valid_units()
    {
        var damaged = WithBinnerKey(SavedBinner(), key => Replace(key, "Gigapascal", "Gigapascax"));

        Assert.That(Messages(LoadFails(damaged)), Does.Contain($"The saved {nameof(YieldStrengthBinningTransformer)} holds 'Gigapascax' where a YieldStrengthUnit was expected (Gigapascal, Megapascal)"));
    }

    [Test]
    public void Invalid_edges_in_a_damaged_entry_name_the_component_and_the_edge()
    {
        var damaged = WithBinnerKey(SavedBinner(), key => Replace(key, BitConverter.GetBytes(1.5), BitConverter.GetBytes(0.75)));

        Assert.That(Messages(LoadFails(damaged)), Does.Contain($"The saved {nameof(YieldStrengthBinningTransformer)} holds invalid bin edges")
            .And.Contain("Bin edge 2 is 0.75, not greater than edge 1 (1)"));
    }

    /// <summary>Replaces the one occurrence of a same-length string (UTF-8 or UTF-16) so the entry's sizes stay valid.</summary>
    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
        {
            if (bytes.AsSpan().IndexOf(encoding.GetBytes(from)) >= 0)
            {
                return Replace(bytes, encoding.GetBytes(from), encoding.GetBytes(to));
            }
        }

        throw new AssertionException($"'{from}' is not in the entry.");
    }

    private static byte[] Replace(byte[] bytes, byte[] from, byte[] to)
    {
        var copy = (byte[])bytes.Clone();
        var at = copy.AsSpan().IndexOf(from);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), "pattern not found in the entry");
        to.CopyTo(copy, at);
        return copy;
    }

    [Test]
    public void Binner_entry_with_a_foreign_signature_names_the_component_and_the_expected_format()
    {
        var damaged = WithBinnerKey(SavedBinner(), key =>
        {
            var copy = (byte[])key.Clone();
            var at = copy.AsSpan().IndexOf("XYYSBINR"u8);
            copy[at + 7] = (byte)'Q';
            return copy;
        });

        var e = LoadFails(damaged);

        Assert.That(Messages(e), Does.Contain($"The saved {nameof(YieldStrengthBinningTransformer)} cannot be read")
            .And.Contain("expected model signature 'XYYSBINR'"));
    }
}
