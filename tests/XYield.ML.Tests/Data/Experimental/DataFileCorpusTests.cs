using System.Diagnostics;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;

namespace XYield.ML.Tests.Data.Experimental;

/// <summary>
/// Hostile data files for both loaders (the MPEA source and a user's measurements): devices, pipes, empty, huge, header
/// only, no usable rows, ambiguous headers, malformed lines. Each gives one line naming the file (and the line or column),
/// never a hang, a crash or a silently smaller data set.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DataFileCorpusTests
{
    private const string UserHeader = "Formula,Temperature_K,YS_GPa";
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-datafiles-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static IEnumerable<TestCaseData> Loaders()
    {
        yield return new TestCaseData((Func<string, object>)(p => ExperimentalDataSet.Load(p))).SetArgDisplayNames("mpea");
        yield return new TestCaseData((Func<string, object>)(p => UserDataLoader.Load(p))).SetArgDisplayNames("user");
    }

    [TestCaseSource(nameof(Loaders))]
    [CancelAfter(20_000)]
    public void Devices_pipes_and_empty_files_are_refused_without_reading(Func<string, object> load)
    {
        var fifo = Path.Combine(_folder, "pipe.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var empty = Write("empty.csv", "");
        foreach (var path in new[] { "/dev/zero", "/dev/null", fifo, empty })
        {
            AssertRefused(load, path, "empty or not a regular file");
        }
    }

    [TestCaseSource(nameof(Loaders))]
    public void A_file_larger_than_any_data_set_is_refused_before_it_is_read(Func<string, object> load)
    {
        var huge = Path.Combine(_folder, "zeros.csv");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(DataFile.MaxBytes + 1); // sparse: costs no disk
        }

        AssertRefused(load, huge, "reads data files of up to 64 MiB");
    }

    [TestCaseSource(nameof(Loaders))]
    public void Missing_file_and_folder_without_it_are_file_not_found(Func<string, object> load)
    {
        var missing = Path.Combine(_folder, "absent.csv");
        var error = Assert.Throws<FileNotFoundException>(() => load(missing))!;
        Assert.That(error.Message, Does.Contain(missing).And.Not.Contain("\n"));
    }

    [Test]
    public void Header_only_and_no_usable_rows_say_so()
    {
        var header = MpeaHeader();
        AssertRefused(p => ExperimentalDataSet.Load(p), Write("header.csv", header + "\n"), "a header but no data rows");
        var fcc = string.Join(',', header.Split(',').Select(c => c switch
        {
            "FORMULA" => "Al0.25 Co1 Fe1 Ni1",
            "PROPERTY: BCC/FCC/other" => "FCC",
            _ => "",
        }));
        AssertRefused(p => ExperimentalDataSet.Load(p), Write("fcc.csv", header + "\n" + fcc + "\n"), "has no usable rows: of its 1 data row(s), none is a BCC alloy");
        AssertRefused(p => UserDataLoader.Load(p), Write("user-header.csv", UserHeader + "\n"), "a header but no data rows");
    }

    [TestCase("Formula,Temperature_K,YS_GPa,YS_GPa", "columns 3 ('YS_GPa') and 4 ('YS_GPa')")]
    [TestCase("Formula,Temperature_K,YS_GPa,ys_gpa", "columns 3 ('YS_GPa') and 4 ('ys_gpa')")]
    [TestCase("Formula, formula ,Temperature_K,YS_GPa", "columns 1 ('Formula') and 2 ('formula')")]
    public void Duplicate_columns_are_refused_not_resolved_by_taking_the_first(string header, string says)
    {
        // The header is checked before any row is read: the row only makes the file otherwise loadable.
        AssertRefused(p => UserDataLoader.Load(p), Write("dup.csv", header + "\nMoNbTaW,300,1.5,1.5\n"), says);
    }

    [Test]
    public void Malformed_lines_are_named()
    {
        AssertRefused(p => UserDataLoader.Load(p), Write("quote.csv", $"{UserHeader}\nMoNbTaW,300,1.1\n\"MoNbTaW,300,1.2\n"), "line 3");
        AssertRefused(p => UserDataLoader.Load(p), Write("fields.csv", $"{UserHeader}\nMoNbTaW,300\n"), "line 2: 2 fields, but the header has 3");
        AssertRefused(p => UserDataLoader.Load(p), Write("number.csv", $"{UserHeader}\nMoNbTaW,300,1.1\nMoNbTaW,1273.15,1,05\n"), "line 3");
        AssertRefused(p => UserDataLoader.Load(p), Write("comma.csv", $"{UserHeader}\nMoNbTaW,\"1273,15\",1.05\n"), "line 2: column 'Temperature_K' holds '1273,15'");
    }

    [Test]
    public void Binary_garbage_is_refused_with_one_line()
    {
        var bytes = new byte[50_000];
        new Random(7).NextBytes(bytes);
        var path = Path.Combine(_folder, "garbage.csv");
        File.WriteAllBytes(path, bytes);

        foreach (var (load, _) in new (Func<string, object>, string)[] { (p => ExperimentalDataSet.Load(p), "mpea"), (p => UserDataLoader.Load(p), "user") })
        {
            AssertRefused(load, path, null);
        }
    }

    [Test]
    public void Phase_labels_match_ignoring_case()
    {
        var lower = Path.Combine(_folder, "lower.csv");
        File.WriteAllText(lower, EmbeddedText().Replace(",BCC,", ",bcc,", StringComparison.Ordinal));

        Assert.That(File.ReadAllText(lower), Does.Contain(",bcc,").And.Not.Contain(",BCC,"));
        Assert.That(ExperimentalDataSet.Load(lower), Has.Count.EqualTo(238));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string EmbeddedText()
    {
        using var stream = typeof(ExperimentalDataLocator).Assembly.GetManifestResourceStream(ExperimentalDataLocator.ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string MpeaHeader() => EmbeddedText().Split('\n')[0].TrimEnd('\r');

    private static void AssertRefused(Func<string, object> load, string path, string? says)
    {
        var error = Assert.Throws<InvalidDataException>(() => load(path), path)!;
        Assert.That(error.Message, Does.Contain(Path.GetFileName(path)).And.Not.Contain("\n"), path);
        if (says is not null)
        {
            Assert.That(error.Message, Does.Contain(says), path);
        }
    }
}
