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
    public void Repository_default_finds_the_shared_data_folder()
    {
        Environment.SetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable, null);

        var location = ExperimentalDataLocator.Locate();

        Assert.That(location.Source, Is.EqualTo("repository"));
        Assert.That(location.Path, Does.EndWith(Path.Combine("shared", "data", "MPEA_dataset.csv")));
        Assert.That(File.Exists(location.Path), Is.True);
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
