using XYield.ML.Chemistry;
using XYield.ML.Physics;

namespace XYield.ML.Tests.Physics;

[TestFixture]
public sealed class MarescaCurtinBatchTests
{
    private static readonly MarescaCurtinModel Model = new();

    [Test]
    public void Per_composition_batch_equals_point_by_point_evaluation()
    {
        var fractions = Alloys.Equiatomic("Hf", "Mo", "Nb", "Ta", "Ti", "Zr");
        var temperatures = new[] { 0, 296.15, 300, 873.15, 1500, 2500 };
        var sigma = new double[temperatures.Length];

        Model.YieldStrengths(Model.ComputeAlloy(fractions), temperatures, sigma);

        for (var i = 0; i < temperatures.Length; i++)
        {
            Assert.That(sigma[i], Is.EqualTo(Model.Evaluate(fractions, temperatures[i]).YieldStrength), $"T = {temperatures[i]}");
        }

        Assert.That(sigma[1], Is.EqualTo(1670.64).Within(0.005));
    }

    [Test]
    public void Row_major_batch_equals_point_by_point_evaluation()
    {
        double[][] alloys = [Alloys.Equiatomic("Mo", "Nb", "Ta", "Ti"), Alloys.Of(("W", 1)), Alloys.Of(("Cr", 33), ("Mo", 33), ("V", 34))];
        var temperatures = new[] { 442, 300, 1500.0 };
        var rows = alloys.SelectMany(a => a).ToArray();
        var sigma = new double[3];

        Model.YieldStrengths(rows, temperatures, sigma);

        Assert.That(sigma, Is.EqualTo(new[] { 413.42, 0, 492.33 }).Within(0.005));
        Assert.That(rows, Has.Length.EqualTo(3 * Palette.Count));
    }

    [Test]
    public void Elemental_table_is_in_palette_order_with_the_spec_volumes()
    {
        Assert.That(MarescaCurtinElements.All.Select(e => e.Symbol), Is.EqualTo(Palette.Symbols));
        Assert.That(MarescaCurtinElements.All.Select(e => e.AtomicVolume),
            Is.EqualTo(new[] { 16.601, 12.003, 11.777, 22.346, 15.583, 17.975, 17.990, 17.666, 13.827, 15.855, 23.277 }));
        Assert.That(MarescaCurtinElements.Get(5).C44, Is.EqualTo(28.73));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarescaCurtinElements.Get(11));
    }
}
