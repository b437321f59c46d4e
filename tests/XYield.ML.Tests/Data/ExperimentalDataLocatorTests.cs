using XYield.ML.Data;

namespace XYield.ML.Tests.Data;

[TestFixture]
[NonParallelizable] // Changes the XYIELD_DATA environment variable.
public sealed class ExperimentalDataLocatorTests
{
    private string? _saved;
    private string _folder = "";

    [SetUp]
    public void SetUp()
    {
        _saved = Environment.GetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable);
        _folder = Directory.CreateTempSubdirectory("xyield-locator-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable, _saved);
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Explicit_path_wins_and_may_name_the_folder()
    {
        var file = Path.Combine(_folder, ExperimentalDataLocator.FileName);
        File.WriteAllText(file, "x");
        Environment.SetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable, "/nowhere");

        Assert.That(ExperimentalDataLocator.Locate(file), Is.EqualTo(new ExperimentalDataLocator.Location(file, "option")));
        Assert.That(ExperimentalDataLocator.Locate(_folder).Path, Is.EqualTo(file));
    }

    [Test]
    public void Environment_variable_is_used_when_no_path_is_given()
    {
        var file = Path.Combine(_folder, ExperimentalDataLocator.FileName);
        File.WriteAllText(file, "x");
        Environment.SetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable, _folder);

        Assert.That(ExperimentalDataLocator.Locate(), Is.EqualTo(new ExperimentalDataLocator.Location(file, "XYIELD_DATA")));
    }

    [Test]
    public void Without_a_path_or_the_variable_the_embedded_copy_is_used_and_opens()
    {
        Environment.SetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable, null);

        var location = ExperimentalDataLocator.Locate();

        Assert.That(location.Source, Is.EqualTo(ExperimentalDataLocator.Embedded));
        Assert.That(location.IsEmbedded, Is.True);
        using var reader = new StreamReader(location.Open());
        Assert.That(reader.ReadLine(), Does.StartWith("IDENTIFIER: Reference ID,FORMULA,"));
    }

    [Test]
    public void The_embedded_copy_loads_whatever_the_variable_says()
    {
        Environment.SetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable, Path.Combine(_folder, "absent"));

        Assert.That(ExperimentalDataLocator.EmbeddedCopy.IsEmbedded, Is.True);
        Assert.That(XYield.ML.Data.Experimental.ExperimentalDataSet.LoadEmbedded(), Has.Count.EqualTo(238));
        Assert.Throws<FileNotFoundException>(() => XYield.ML.Data.Experimental.ExperimentalDataSet.Load());
    }

    [Test]
    public void Embedded_copy_is_byte_for_byte_the_published_file_when_the_shared_copy_is_present()
    {
        var shared = Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "data", ExperimentalDataLocator.FileName));
        using var embedded = new ExperimentalDataLocator.Location("embedded", ExperimentalDataLocator.Embedded).Open();
        using var hash = System.Security.Cryptography.SHA256.Create();
        var digest = Convert.ToHexStringLower(hash.ComputeHash(embedded));

        // The SHA-256 of MPEA_dataset.csv at CitrineInformatics/MPEA_dataset commit d31e2510 (NOTICE.md).
        Assert.That(digest, Is.EqualTo("c5504d93fd324d1be26cf814d0694ee9ee95578d68a0b38aba6813b939fa2c5d"));
        if (File.Exists(shared))
        {
            Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(shared))), Is.EqualTo(digest));
        }
    }

    [Test]
    public void Missing_file_says_what_it_is_and_where_to_put_it()
    {
        var missing = Path.Combine(_folder, "absent.csv");

        var e = Assert.Throws<FileNotFoundException>(() => ExperimentalDataLocator.Locate(missing));

        Assert.That(e!.Message, Does.Contain(missing).And.Contain("Borg et al.").And.Contain("Apache-2.0"));
    }

    [Test]
    public void Environment_variable_pointing_nowhere_is_named_in_the_error()
    {
        Environment.SetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable, Path.Combine(_folder, "absent"));

        var e = Assert.Throws<FileNotFoundException>(() => ExperimentalDataLocator.Locate());

        Assert.That(e!.Message, Does.Contain("XYIELD_DATA"));
    }
}
