using XYield.ML.Data.Experimental;

namespace XYield.ML.Tests.Data.Experimental;

[TestFixture]
public sealed class UserDataLoaderTests
{
    [Test]
    public void Units_come_from_the_column_names()
    {
        var kelvinGpa = Write("Formula,Temperature_K,YS_GPa", "MoNbTaW,1273.15,0.5");
        var celsiusMpa = Write("Formula,Temperature_C,YS_MPa", "MoNbTaW,1000,500");

        var a = UserDataLoader.Load(kelvinGpa).Single();
        var b = UserDataLoader.Load(celsiusMpa).Single();

        Assert.That(a.TemperatureKelvin, Is.EqualTo(1273.15).Within(1e-9));
        Assert.That(b.TemperatureKelvin, Is.EqualTo(1273.15).Within(1e-9));
        Assert.That(a.YieldStrengthGpa, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(b.YieldStrengthGpa, Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void Every_row_is_kept_even_repeats()
    {
        var file = Write("Formula,Temperature_K,YS_GPa,Doi", "MoNb,300,1,", "MoNb,300,1.2,", "MoNbTa,300,1.5,10.1/abc");

        var points = UserDataLoader.Load(file);

        Assert.That(points, Has.Count.EqualTo(3));
        Assert.That(points[2].Sources.Single(), Is.EqualTo(new SourceRow(4, "MoNbTa", 1500, "10.1/abc")));
    }

    [TestCase("Formula,YS_GPa", "MoNb,1", "no temperature column; expected one of Temperature_K or Temperature_C")]
    [TestCase("Formula,Temperature_K", "MoNb,300", "no yield strength column; expected one of YS_GPa or YS_MPa")]
    [TestCase("Alloy,Temperature_K,YS_GPa", "MoNb,300,1", "no column 'Formula'")]
    [TestCase("Formula,Temperature_K,Temperature_C,YS_GPa", "MoNb,300,27,1", "several temperature columns")]
    [TestCase("Formula,Temperature_K,YS_GPa", "MoNb,hot,1", "line 2: column 'Temperature_K' holds 'hot'")]
    [TestCase("Formula,Temperature_K,YS_GPa", "MoNb,300,-1", "line 2: YS_GPa is -1")]
    [TestCase("Formula,Temperature_C,YS_GPa", "MoNb,-300,1", "line 2: Temperature_C gives")]
    [TestCase("Formula,Temperature_K,YS_GPa", "MoNbCo,300,1", "line 2: 'MoNbCo' uses elements outside the X-Yield palette")]
    [TestCase("Formula,Temperature_K,YS_GPa", "Mo Nb Qq,300,1", "line 2: Cannot read formula 'Mo Nb Qq' at position 6")]
    public void Bad_files_name_the_line_and_the_field(string header, string row, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => UserDataLoader.Load(Write(header, row)));

        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<FileNotFoundException>(() => UserDataLoader.Load("/nowhere/mine.csv"));

        Assert.That(e!.Message, Does.Contain("/nowhere/mine.csv"));
    }

    private static string Write(string header, params string[] rows)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("xyield-user-").FullName, "mine.csv");
        File.WriteAllLines(file, [header, .. rows]);
        return file;
    }
}
