using XYield.ML.Data.Experimental;
using XYield.ML.Data.Splits;

namespace XYield.ML.Tests.Data.Splits;

[TestFixture]
public sealed class ExperimentalSplitsTests
{
    private static readonly Lazy<ExperimentalDataSet> Real = new(() => ExperimentalDataSet.Load());

    [TestCase(0.05, 12, 226)]
    [TestCase(0.10, 25, 213)]
    public void Few_shot_sizes_match_the_X_Yield_definition(double fraction, int train, int test)
    {
        foreach (var seed in new[] { 0, 1, 42 })
        {
            var split = ExperimentalSplits.FewShot(Real.Value, fraction, seed);

            Assert.That(split.Train, Has.Count.EqualTo(train));
            Assert.That(split.Test, Has.Count.EqualTo(test));
            Assert.That(split.Train.Intersect(split.Test), Is.Empty);
        }
    }

    [Test]
    public void Few_shot_draws_per_alloy_type()
    {
        var split = ExperimentalSplits.FewShot(Real.Value, 0.10, seed: 3);

        Assert.That(split.Train.CountByElementCount(), Is.EqualTo(new Dictionary<int, int> { [3] = 2, [4] = 8, [5] = 12, [6] = 3 }));
    }

    [Test]
    public void Same_seed_same_split_other_seed_other_split()
    {
        var a = ExperimentalSplits.FewShot(Real.Value, 0.05, seed: 7);
        var b = ExperimentalSplits.FewShot(Real.Value, 0.05, seed: 7);
        var c = ExperimentalSplits.FewShot(Real.Value, 0.05, seed: 8);

        Assert.That(a.Train, Is.EqualTo(b.Train));
        Assert.That(a.Train, Is.Not.EqualTo(c.Train));
    }

    [Test]
    public void Grouped_few_shot_keeps_compositions_on_one_side()
    {
        var split = ExperimentalSplits.FewShot(Real.Value, 0.10, seed: 0, grouped: true);

        var trainKeys = split.Train.Select(p => p.Composition.ToKey()).ToHashSet();
        Assert.That(split.Test.Where(p => trainKeys.Contains(p.Composition.ToKey())), Is.Empty);
        Assert.That(split.Train.Count, Is.GreaterThanOrEqualTo(25));
        Assert.That(split.Train.Count + split.Test.Count, Is.EqualTo(238));
    }

    [Test]
    public void Ungrouped_split_does_share_compositions_across_temperatures()
    {
        // Why the grouped option exists: many alloys were measured at several temperatures.
        var shared = Enumerable.Range(0, 10)
            .Select(seed => ExperimentalSplits.FewShot(Real.Value, 0.10, seed))
            .Count(s => s.Train.Select(p => p.Composition.ToKey()).Intersect(s.Test.Select(p => p.Composition.ToKey())).Any());

        Assert.That(shared, Is.GreaterThan(0));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Ten_folds_cover_every_point_once(bool grouped)
    {
        var folds = ExperimentalSplits.KFold(Real.Value, 10, seed: 0, grouped);

        Assert.That(folds, Has.Count.EqualTo(10));
        var tested = folds.SelectMany(f => f.Test).ToList();
        Assert.That(tested, Has.Count.EqualTo(238));
        Assert.That(tested, Is.Unique);
        Assert.That(folds.Select(f => f.Train.Count + f.Test.Count), Is.All.EqualTo(238));
        if (!grouped)
        {
            Assert.That(folds.Select(f => f.Test.Count), Is.All.InRange(23, 24));
        }
        else
        {
            foreach (var fold in folds)
            {
                var trainKeys = fold.Train.Select(p => p.Composition.ToKey()).ToHashSet();
                Assert.That(fold.Test.Where(p => trainKeys.Contains(p.Composition.ToKey())), Is.Empty);
            }
        }
    }

    [Test]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentalSplits.FewShot(Real.Value, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentalSplits.FewShot(Real.Value, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentalSplits.KFold(Real.Value, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentalSplits.KFold(Real.Value, 239, 0));
        Assert.Throws<ArgumentException>(() => ExperimentalSplits.FewShot(new ExperimentalDataSet([]), 0.1, 0));
    }
}
