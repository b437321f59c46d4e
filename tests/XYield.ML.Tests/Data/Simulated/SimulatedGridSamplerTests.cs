using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
using XYield.ML.Physics;

namespace XYield.ML.Tests.Data.Simulated;

[TestFixture]
public sealed class SimulatedGridSamplerTests
{
    private const int Draws = 100_000;

    [TestCase(SimulatedGridVariant.WithZeros, new[] { 0.00516, 0.35447, 0.02982, 0.14909, 0.46146 })]
    [TestCase(SimulatedGridVariant.StrictlyPositive, new[] { 0.01165, 0.75368, 0.02607, 0.07822, 0.13037 })]
    public void Order_frequencies_match_the_spec_within_four_sigma(SimulatedGridVariant variant, double[] probabilities)
    {
        var sampler = new SimulatedGridSampler(11, variant);
        var counts = new int[8];
        var fractions = new double[Palette.Count];
        for (var i = 0; i < Draws; i++)
        {
            sampler.Next(fractions, out var order);
            counts[order]++;
        }

        for (var k = 3; k <= 7; k++)
        {
            AssertFrequency(counts[k], probabilities[k - 3], $"order {k}");
        }
    }

    [Test]
    public void Non_zero_counts_match_the_spec_within_four_sigma()
    {
        double[] probabilities = [0.00006, 0.00362, 0.07015, 0.43674, 0.23928, 0.19578, 0.05438];
        var sampler = new SimulatedGridSampler(5);
        var counts = new int[8];
        var fractions = new double[Palette.Count];
        for (var i = 0; i < Draws; i++)
        {
            sampler.Next(fractions);
            counts[fractions.Count(f => f > 0)]++;
        }

        for (var s = 1; s <= 7; s++)
        {
            AssertFrequency(counts[s], probabilities[s - 1], $"{s} non-zero elements");
        }
    }

    [Test]
    public void Points_lie_on_the_grid()
    {
        var sampler = new SimulatedGridSampler(3);
        var fractions = new double[Palette.Count];
        var temperatures = new HashSet<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var t = sampler.Next(fractions, out var order);
            temperatures.Add(t);
            var units = 100 / SimulatedGrid.StepPercent(order);
            Assert.That(fractions.Sum(), Is.EqualTo(1).Within(1e-12));
            Assert.That(fractions.Count(f => f > 0), Is.LessThanOrEqualTo(order));
            Assert.That(fractions.All(f => Math.Abs(f * units - Math.Round(f * units)) < 1e-9), $"off-grid point {string.Join(',', fractions)}");
        }

        Assert.That(temperatures.Order(), Is.EqualTo(SimulatedGrid.Temperatures));
    }

    [Test]
    public void Strict_points_have_exactly_k_positive_elements()
    {
        var sampler = new SimulatedGridSampler(3, SimulatedGridVariant.StrictlyPositive);
        var fractions = new double[Palette.Count];
        for (var i = 0; i < 20_000; i++)
        {
            sampler.Next(fractions, out var order);
            Assert.That(fractions.Count(f => f > 0), Is.EqualTo(order));
        }
    }

    [Test]
    public void Same_seed_gives_the_same_points_and_another_seed_does_not()
    {
        static List<double> Draw(int seed)
        {
            var sampler = new SimulatedGridSampler(seed);
            var fractions = new double[Palette.Count];
            var values = new List<double>();
            for (var i = 0; i < 1000; i++)
            {
                values.Add(sampler.Next(fractions));
                values.AddRange(fractions);
            }

            return values;
        }

        var first = Draw(42);
        var again = Draw(42);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Draw(43), Is.Not.EqualTo(first));
    }

    [Test]
    public void Yield_strength_percentiles_of_100k_draws_match_the_spec()
    {
        // §5: p25 450, median 1020, p75 1854, p95 3373 MPa; a property of the distribution, so any seed will do.
        var model = new MarescaCurtinModel();
        var sampler = new SimulatedGridSampler(2024);
        var fractions = new double[Palette.Count];
        var sigma = new double[Draws];
        for (var i = 0; i < Draws; i++)
        {
            var t = sampler.Next(fractions);
            sigma[i] = model.YieldStrength(fractions, t);
        }

        Array.Sort(sigma);
        Assert.Multiple(() =>
        {
            Assert.That(sigma[Draws / 4], Is.EqualTo(450).Within(3).Percent, "p25");
            Assert.That(sigma[Draws / 2], Is.EqualTo(1020).Within(3).Percent, "median");
            Assert.That(sigma[3 * Draws / 4], Is.EqualTo(1854).Within(3).Percent, "p75");
            Assert.That(sigma[95 * Draws / 100], Is.EqualTo(3373).Within(3).Percent, "p95");
            Assert.That(sigma[Draws / 20], Is.EqualTo(73).Within(10).Percent, "p5");
            Assert.That(sigma[^1], Is.LessThan(8000).And.GreaterThan(5000), "max");
        });
    }

    [Test]
    public void Wrong_buffer_length_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SimulatedGridSampler(1).Next(new double[5]));
        Assert.That(e!.Message, Does.Contain("11").And.Contain("got 5"));
    }

    private static void AssertFrequency(int count, double probability, string what)
    {
        var sigma = Math.Sqrt(Draws * probability * (1 - probability));
        Assert.That(count, Is.EqualTo(Draws * probability).Within(4 * sigma + 1), what);
    }
}
