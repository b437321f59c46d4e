using XYield.ML.Benchmark.Report;

namespace XYield.ML.Benchmark.Tests.Report;

/// <summary>The paired-by-seed comparison on hand-made results.</summary>
[TestFixture]
public sealed class PairedComparisonTests
{
    [Test]
    public void Differences_are_paired_by_split_and_seed()
    {
        // Seeds 0–2 on the 10 % split: differences −0.01, −0.02, −0.03 (mean −0.02, s = 0.01, t(0.975, 2) = 4.3027).
        RunResult Run(string method, int seed, double mse) => new(method, RunResult.Regression, "10", seed, mse, []);
        var runs = new[]
        {
            Run("forest+mc", 0, 0.10), Run("forest+mc", 1, 0.20), Run("forest+mc", 2, 0.30),
            Run("gp+mc", 0, 0.09), Run("gp+mc", 1, 0.18), Run("gp+mc", 2, 0.27),
            Run("mc", 0, 0.5), // one seed only: no interval, left out
        };

        var rows = PairedComparison.Against(runs, RunResult.Regression);

        var row = rows.Single();
        Assert.That(row.Method, Is.EqualTo("gp+mc"));
        Assert.That(row.Difference.Mean, Is.EqualTo(-0.02).Within(1e-12));
        Assert.That(row.Difference.HalfWidth, Is.EqualTo(4.302652729911275 * 0.01 / Math.Sqrt(3)).Within(1e-9));
        Assert.That(row.Better, Is.EqualTo(3));
    }

    [Test]
    public void For_accuracy_higher_is_better()
    {
        RunResult Run(string method, int seed, double accuracy) => new(method, RunResult.Classification, "5", seed, accuracy, []);
        var runs = new[] { Run("forest+mc", 0, 0.5), Run("forest+mc", 1, 0.5), Run("pt", 0, 0.6), Run("pt", 1, 0.4) };

        var row = PairedComparison.Against(runs, RunResult.Classification).Single();

        Assert.That(row.Difference.Mean, Is.EqualTo(0).Within(1e-12));
        Assert.That(row.Better, Is.EqualTo(1));
    }
}
