using XYield.ML.Physics;

namespace XYield.ML.Tests.Physics;

[TestFixture]
public sealed class MarescaCurtinInputTests
{
    private static readonly MarescaCurtinModel Model = new();
    private static readonly double[] MoNbTaW = Alloys.Equiatomic("Mo", "Nb", "Ta", "W");

    [Test]
    public void Wrong_length_names_the_expected_palette()
    {
        var e = Assert.Throws<ArgumentException>(() => Model.ComputeAlloy(new double[10]));
        Assert.That(e!.Message, Does.Contain("11").And.Contain("Al,Cr,Fe,Hf,Mo,Nb,Ta,Ti,V,W,Zr").And.Contain("got 10"));
        Assert.That(e.ParamName, Is.EqualTo("fractions"));
    }

    [TestCase(-0.1, "-0.1")]
    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "Infinity")]
    public void Negative_or_non_finite_fraction_names_the_element(double bad, string shown)
    {
        var fractions = (double[])MoNbTaW.Clone();
        fractions[5] = bad;
        var e = Assert.Throws<ArgumentException>(() => Model.Evaluate(fractions, 300));
        Assert.That(e!.Message, Does.Contain("Nb").And.Contain(shown).And.Contain("finite and ≥ 0"));
    }

    [Test]
    public void All_zero_fractions_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Model.Evaluate(new double[11], 300));
        Assert.That(e!.Message, Does.Contain("sum to 0"));
    }

    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Bad_temperature_is_refused(double temperature)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model.Evaluate(MoNbTaW, temperature));
        Assert.That(e!.ParamName, Is.EqualTo("temperature"));
        Assert.That(e.Message, Does.Contain("finite and ≥ 0 K"));
    }

    [TestCase(0.0)]
    [TestCase(-1e-3)]
    [TestCase(1e4)]
    [TestCase(1e5)]
    [TestCase(double.NaN)]
    public void Strain_rate_outside_zero_to_reference_rate_is_refused(double strainRate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model.Evaluate(MoNbTaW, 300, strainRate));
        Assert.That(e!.ParamName, Is.EqualTo("strainRate"));
        var o = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MarescaCurtinModel(new MarescaCurtinOptions { StrainRate = strainRate }));
        Assert.That(o!.ParamName, Is.EqualTo("StrainRate"));
    }

    [Test]
    public void Non_positive_model_constant_names_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MarescaCurtinModel(new MarescaCurtinOptions { TaylorFactor = 0 }));
        Assert.That(e!.ParamName, Is.EqualTo("TaylorFactor"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MarescaCurtinModel(new MarescaCurtinOptions { LineTension = double.NaN }));
        Assert.That(e!.ParamName, Is.EqualTo("LineTension"));
    }

    [Test]
    public void Batch_rejects_mismatched_lengths_and_names_the_bad_row()
    {
        var rows = new double[2 * 11];
        MoNbTaW.CopyTo(rows, 0);
        var e = Assert.Throws<ArgumentException>(() => Model.YieldStrengths(rows, new double[] { 300, 400 }, new double[1]));
        Assert.That(e!.ParamName, Is.EqualTo("yieldStrengths"));
        e = Assert.Throws<ArgumentException>(() => Model.YieldStrengths(rows, new double[] { 300, 400 }, new double[2]));
        Assert.That(e!.Message, Does.StartWith("Row 1:").And.Contain("sum to 0"));
        var t = Assert.Throws<ArgumentOutOfRangeException>(() => Model.YieldStrengths(Model.ComputeAlloy(MoNbTaW), new[] { 300, -5.0 }, new double[2]));
        Assert.That(t!.Message, Does.Contain("index 1"));
    }
}
