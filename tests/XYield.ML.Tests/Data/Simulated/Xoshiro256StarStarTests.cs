using XYield.ML.Data.Simulated;

namespace XYield.ML.Tests.Data.Simulated;

[TestFixture]
public sealed class Xoshiro256StarStarTests
{
    [Test]
    public void Bounded_draws_are_in_range_and_uniform()
    {
        const int bound = 23;
        const int draws = 230_000;
        var random = new Xoshiro256StarStar(1);
        var counts = new int[bound];
        for (var i = 0; i < draws; i++)
        {
            counts[random.NextInRange(0, bound)]++;
        }

        // Chi-square with 22 degrees of freedom: the 99.9 % quantile is 48.3.
        var expected = (double)draws / bound;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.That(chiSquare, Is.LessThan(48.3));
        Assert.That(Enumerable.Range(0, 1000).Select(_ => random.NextInRange(5, 8)), Is.All.InRange(5, 7));
    }

    [Test]
    public void Seeds_give_fixed_distinct_streams()
    {
        var a = new Xoshiro256StarStar(7);
        var b = new Xoshiro256StarStar(7);
        var c = new Xoshiro256StarStar(8);
        var first = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();

        Assert.That(Enumerable.Range(0, 8).Select(_ => b.NextUInt64()), Is.EqualTo(first));
        Assert.That(Enumerable.Range(0, 8).Select(_ => c.NextUInt64()), Is.Not.EqualTo(first));
        Assert.That(first.Distinct().Count(), Is.EqualTo(8));
    }
}
