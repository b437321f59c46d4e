using System.Globalization;
using XYield.ML.Data.Experimental;

namespace XYield.ML.Data.Splits;

/// <summary>
/// The splits of the X-Yield benchmark (Chen et al., CPAL 2024): extreme few-shot (a fraction of each alloy type for training) and k-fold
/// cross-validation, seeded; each with a grouped option in which no composition is in both train and test.
/// </summary>
public static class ExperimentalSplits
{
    /// <summary>
    /// Extreme few-shot: for each alloy type (element count) with n points, k = max(1, round(p·n)) points
    /// (midpoint away from zero) are drawn for training; the rest is test. On the 238 points:
    /// 5 % → 12 / 226, 10 % → 25 / 213.
    /// </summary>
    /// <param name="points">The experimental set.</param>
    /// <param name="trainFraction">p, in (0, 1).</param>
    /// <param name="seed">The seed of the draw.</param>
    /// <param name="grouped">When true, whole compositions are drawn (all their temperatures together) until each
    /// alloy type has at least k training points, so no composition is on both sides.</param>
    public static DataSplit FewShot(ExperimentalDataSet points, double trainFraction, int seed, bool grouped = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!(trainFraction > 0 && trainFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "The training fraction must be between 0 and 1 (e.g. 0.05 or 0.1).");
        }

        RequireNonEmpty(points);
        var random = new Random(seed);
        var train = new HashSet<int>();
        foreach (var type in Enumerable.Range(0, points.Count).GroupBy(i => points[i].ElementCount).OrderBy(g => g.Key))
        {
            var k = Math.Max(1, (int)Math.Round(trainFraction * type.Count(), MidpointRounding.AwayFromZero));
            var units = Units(points, type, grouped);
            random.Shuffle(units);
            var taken = 0;
            foreach (var unit in units)
            {
                if (taken >= k)
                {
                    break;
                }

                train.UnionWith(unit);
                taken += unit.Length;
            }
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"few-shot {trainFraction:P0}{(grouped ? " grouped" : "")} seed {seed}");
        return Partition(points, name, train);
    }

    /// <summary>k-fold cross-validation: k splits whose test parts are disjoint and cover every point once.</summary>
    /// <param name="points">The experimental set.</param>
    /// <param name="folds">k, at least 2 and at most the number of points (or compositions when grouped).</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="grouped">When true, all points of a composition fall in the same fold.</param>
    public static IReadOnlyList<DataSplit> KFold(ExperimentalDataSet points, int folds, int seed, bool grouped = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        RequireNonEmpty(points);
        var units = Units(points, Enumerable.Range(0, points.Count), grouped);
        if (folds < 2 || folds > units.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"Cross-validation needs between 2 and {units.Length} folds for these {units.Length} {(grouped ? "compositions" : "points")}.");
        }

        return AssignFolds(units, folds, seed).Select((test, f) =>
        {
            var train = Enumerable.Range(0, points.Count).Where(i => !test.Contains(i)).ToHashSet();
            var name = string.Create(CultureInfo.InvariantCulture, $"fold {f + 1}/{folds}{(grouped ? " grouped" : "")} seed {seed}");
            return Partition(points, name, train);
        }).ToArray();
    }

    /// <summary>
    /// The fold assignment behind <see cref="KFold"/>, on any indices: the units (rows drawn together) are shuffled with
    /// <paramref name="seed"/> and each goes to the currently smallest fold, so grouped folds stay balanced too.
    /// The caller checks 2 ≤ <paramref name="folds"/> ≤ number of units.
    /// </summary>
    /// <returns>The members of each fold; disjoint, covering every index of every unit once.</returns>
    internal static HashSet<int>[] AssignFolds(int[][] units, int folds, int seed)
    {
        units = [.. units];
        new Random(seed).Shuffle(units);
        var members = Enumerable.Range(0, folds).Select(_ => new HashSet<int>()).ToArray();
        foreach (var unit in units)
        {
            members.MinBy(m => m.Count)!.UnionWith(unit);
        }

        return members;
    }

    /// <summary>The units that are drawn together: single points, or all points of one composition.</summary>
    private static int[][] Units(ExperimentalDataSet points, IEnumerable<int> indices, bool grouped) =>
        grouped
            ? indices.GroupBy(i => points[i].Composition.ToKey(ExperimentalDataSet.MergeDecimals)).Select(g => g.ToArray()).ToArray()
            : indices.Select(i => new[] { i }).ToArray();

    private static DataSplit Partition(ExperimentalDataSet points, string name, HashSet<int> train) =>
        new(name,
            new ExperimentalDataSet(Enumerable.Range(0, points.Count).Where(train.Contains).Select(i => points[i])),
            new ExperimentalDataSet(Enumerable.Range(0, points.Count).Where(i => !train.Contains(i)).Select(i => points[i])));

    private static void RequireNonEmpty(ExperimentalDataSet points)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("The data set is empty; there is nothing to split.", nameof(points));
        }
    }
}
