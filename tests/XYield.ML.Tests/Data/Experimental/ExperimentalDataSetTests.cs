using XYield.ML.Data.Experimental;

namespace XYield.ML.Tests.Data.Experimental;

[TestFixture]
public sealed class ExperimentalDataSetTests
{
    private static readonly Lazy<ExperimentalDataSet> Real = new(() => ExperimentalDataSet.Load());

    [Test]
    public void Derives_the_238_points_of_the_X_Yield_set()
    {
        var points = Real.Value;

        Assert.That(points, Has.Count.EqualTo(238));
        Assert.That(points.CountByElementCount(), Is.EqualTo(new Dictionary<int, int> { [3] = 17, [4] = 78, [5] = 115, [6] = 28 }));
        Assert.That(points.Min(p => p.YieldStrengthGpa), Is.EqualTo(0.04).Within(1e-12));
        Assert.That(points.Max(p => p.YieldStrengthGpa), Is.EqualTo(2.035).Within(1e-12));
        Assert.That(points.Min(p => p.TemperatureKelvin), Is.GreaterThanOrEqualTo(293.15));
        Assert.That(points.Select(p => p.Composition.IsWithinPalette), Is.All.True);
    }

    [Test]
    public void Merged_points_keep_every_source_row_and_doi()
    {
        var points = Real.Value;
        var merged = points.Where(p => p.Sources.Count > 1).ToList();

        Assert.That(points.Sum(p => p.Sources.Count), Is.GreaterThan(238), "some rows are merged");
        Assert.That(merged, Is.Not.Empty);
        foreach (var p in merged)
        {
            Assert.That(p.YieldStrengthGpa, Is.EqualTo(p.Sources.Average(s => s.YieldStrengthMpa) / 1000).Within(1e-12));
        }

        Assert.That(points.SelectMany(p => p.Sources).Select(s => s.RowNumber), Is.Unique);
        Assert.That(points.SelectMany(p => p.Sources).Count(s => s.Doi is not null), Is.GreaterThan(200));
    }

    [Test]
    public void A_known_alloy_has_its_measured_value()
    {
        // HfMoNbTaTiZr at 296.15 K is one of the paper's Table 3 alloys.
        var point = Real.Value.Single(p => p.Composition.ToString(XYield.ML.Chemistry.CompositionFormat.Compact) == "HfMoNbTaTiZr" &&
                                            Math.Abs(p.TemperatureKelvin - 296.15) < 1e-9);

        Assert.That(point.YieldStrengthGpa, Is.InRange(1.5, 2.1));
        Assert.That(point.Sources[0].Doi, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void Malformed_formula_in_a_kept_row_fails_with_its_line()
    {
        var file = WriteMpea(("MoNbTaW", "BCC", "25", "1000"), ("Mo?NbTa", "BCC", "25", "900"));

        var e = Assert.Throws<InvalidDataException>(() => ExperimentalDataSet.Load(file));

        Assert.That(e!.Message, Does.Contain("line 3").And.Contain("Mo?NbTa"));
    }

    [Test]
    public void Non_numeric_yield_strength_fails_instead_of_shrinking_the_set()
    {
        var file = WriteMpea(("MoNbTaW", "BCC", "25", "1000"), ("MoNbTa", "BCC", "25", "n/a"));

        var e = Assert.Throws<InvalidDataException>(() => ExperimentalDataSet.Load(file));

        Assert.That(e!.Message, Does.Contain("line 3").And.Contain("YS (MPa)").And.Contain("'n/a'"));
    }

    [Test]
    public void Ragged_row_is_reported_as_malformed()
    {
        var file = WriteMpea(("MoNbTaW", "BCC", "25", "1000"));
        File.AppendAllText(file, "MoNb,BCC\n");

        var e = Assert.Throws<InvalidDataException>(() => ExperimentalDataSet.Load(file));

        Assert.That(e!.Message, Does.Contain("line 3").And.Contain("malformed"));
    }

    [Test]
    public void Missing_column_is_named_with_the_header_found()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "MPEA_dataset.csv");
        File.WriteAllText(file, "FORMULA,PROPERTY: BCC/FCC/other\nMoNb,BCC\n");

        var e = Assert.Throws<InvalidDataException>(() => ExperimentalDataSet.Load(file));

        Assert.That(e!.Message, Does.Contain("PROPERTY: YS (MPa)").And.Contain("The header has: FORMULA"));
    }

    [Test]
    public void Filter_and_merge_rules_apply_to_a_small_file()
    {
        var file = WriteMpea(
            ("Mo1 Nb1", "BCC", "25", "1000"),
            ("Mo50Nb50", "BCC", "25", "1200"),     // Same alloy and temperature: merged, mean 1.1 GPa.
            ("MoNb", "BCC", "1000", "500"),        // Same alloy, other temperature: its own point.
            ("CoCrFeNi", "BCC", "25", "300"),      // Outside the palette.
            ("MoNbTa", "FCC", "25", "800"),        // Not BCC.
            ("MoNbTaW", "BCC", "", "800"),         // No temperature.
            ("MoNbTaW", "BCC", "25", ""),          // No yield strength.
            ("MoNbTaW", "BCC", "-196", "2000"));   // Below 20 °C.

        var points = ExperimentalDataSet.Load(file);

        Assert.That(points, Has.Count.EqualTo(2));
        Assert.That(points[0].YieldStrengthGpa, Is.EqualTo(1.1).Within(1e-12));
        Assert.That(points[0].TemperatureKelvin, Is.EqualTo(298.15).Within(1e-12));
        Assert.That(points[0].Sources.Select(s => s.RowNumber), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(points[1].TemperatureKelvin, Is.EqualTo(1273.15).Within(1e-12));
    }

    private static string WriteMpea(params (string Formula, string Phase, string Celsius, string Mpa)[] rows)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("xyield-mpea-").FullName, "MPEA_dataset.csv");
        var lines = new List<string> { "FORMULA,PROPERTY: BCC/FCC/other,PROPERTY: Test temperature ($^\\circ$C),PROPERTY: YS (MPa),REFERENCE: doi,REFERENCE: title" };
        lines.AddRange(rows.Select(r => $"{r.Formula},{r.Phase},{r.Celsius},{r.Mpa},10.1/x,\"A title, with a comma\""));
        File.WriteAllLines(file, lines);
        return file;
    }
}
