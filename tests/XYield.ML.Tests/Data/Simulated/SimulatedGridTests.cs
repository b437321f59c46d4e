using XYield.ML.Data.Simulated;
using XYield.ML.Physics;

namespace XYield.ML.Tests.Data.Simulated;

[TestFixture]
public sealed class SimulatedGridTests
{
    [Test]
    public void Grid_B_sizes_per_order_match_the_spec_table()
    {
        var orders = SimulatedGrid.Orders();

        Assert.That(orders.Select(o => o.Order), Is.EqualTo(new[] { 3, 4, 5, 6, 7 }));
        Assert.That(orders.Select(o => o.StepPercent), Is.EqualTo(new[] { 1, 1, 5, 5, 5 }));
        Assert.That(orders.Select(o => o.Systems), Is.EqualTo(new long[] { 165, 330, 462, 462, 330 }));
        Assert.That(orders.Select(o => o.CompositionsPerSystem), Is.EqualTo(new long[] { 5151, 176851, 10626, 53130, 230230 }));
        Assert.That(orders.Select(o => o.Points), Is.EqualTo(new long[] { 19_548_045, 1_342_299_090, 112_911_876, 564_559_380, 1_747_445_700 }));
        Assert.That(SimulatedGrid.TotalPoints(), Is.EqualTo(3_786_764_091L));
    }

    [Test]
    public void Grid_A_sizes_per_order_match_the_spec_table()
    {
        var orders = SimulatedGrid.Orders(SimulatedGridVariant.StrictlyPositive);

        Assert.That(orders.Select(o => o.CompositionsPerSystem), Is.EqualTo(new long[] { 4851, 156849, 3876, 11628, 27132 }));
        Assert.That(orders.Select(o => o.Points), Is.EqualTo(new long[] { 18_409_545, 1_190_483_910, 41_186_376, 123_559_128, 205_931_880 }));
        Assert.That(SimulatedGrid.TotalPoints(SimulatedGridVariant.StrictlyPositive), Is.EqualTo(1_579_570_839L));
    }

    [Test]
    public void Temperatures_are_300_to_2500_K_in_100_K_steps()
    {
        Assert.That(SimulatedGrid.Temperatures, Has.Count.EqualTo(23));
        Assert.That(SimulatedGrid.Temperatures[0], Is.EqualTo(300));
        Assert.That(SimulatedGrid.Temperatures[^1], Is.EqualTo(2500));
        Assert.That(SimulatedGrid.Temperatures.Zip(SimulatedGrid.Temperatures.Skip(1), (a, b) => b - a), Is.All.EqualTo(100));
    }

    [Test]
    public void Binomial_is_exact_and_rejects_bad_orders()
    {
        Assert.That(SimulatedGrid.Binomial(106, 6), Is.EqualTo(1_705_904_746L));
        Assert.That(SimulatedGrid.Binomial(5, 7), Is.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedGrid.StepPercent(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedGridEvaluator.Evaluate(new MarescaCurtinModel(), orders: [2]));
    }

    [TestCase(SimulatedGridVariant.WithZeros)]
    [TestCase(SimulatedGridVariant.StrictlyPositive)]
    public void Evaluating_the_ternary_grid_visits_every_point_once_with_the_model_values(SimulatedGridVariant variant)
    {
        var model = new MarescaCurtinModel();
        var compositions = 0L;
        var distinct = new HashSet<string>();
        var mismatches = 0;
        var gate = new object();

        var summary = SimulatedGridEvaluator.Evaluate(model, variant, orders: [3], callback: (fractions, sigma) =>
        {
            var key = string.Join(',', fractions.ToArray().Select(f => Math.Round(f * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var expected = model.YieldStrength(fractions, 1200);
            lock (gate)
            {
                compositions++;
                distinct.Add(key);
                // The public path renormalises the fractions, so the last bits may differ.
                mismatches += Math.Abs(sigma[9] - expected) <= 1e-12 * expected && Math.Abs(fractions.ToArray().Sum() - 1) < 1e-12 ? 0 : 1;
            }
        });

        var order = SimulatedGrid.Orders(variant)[0];
        Assert.That(summary.Points, Is.EqualTo(order.Points));
        Assert.That(compositions, Is.EqualTo(order.Compositions));
        Assert.That(mismatches, Is.Zero);
        // Grid B counts each system separately, so the binary and pure compositions repeat across systems.
        Assert.That(distinct, Has.Count.EqualTo(variant == SimulatedGridVariant.WithZeros ? 165 * 4851 + 55 * 99 + 11 : 165 * 4851));
        // Pure elements: 3 per ternary system in grid B, none in grid A.
        Assert.That(summary.ZeroStrengthPoints, Is.EqualTo(variant == SimulatedGridVariant.WithZeros ? 165 * 3 * 23 : 0));
        Assert.That(summary.MaxYieldStrength, Is.GreaterThan(summary.MeanYieldStrength).And.GreaterThan(0));
    }
}
