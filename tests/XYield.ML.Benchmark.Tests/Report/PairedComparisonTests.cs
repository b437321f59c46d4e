using XYield.ML.Benchmark.Report;
using XYield.ML.Models.Masking;

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

    [Test]
    public void The_sparse_section_compares_only_the_sparse_methods_with_pretrain_and_transfer()
    {
        LayerSparsity[] masks = [new("conv1", 100, 0.1, 0.0, 0.1)];
        RunResult Run(string method, int seed, double mse, bool sparse = false) =>
            new(method, RunResult.Regression, "10", seed, mse, [], Sparsity: sparse ? masks : null);
        var runs = new[]
        {
            Run("pt", 0, 0.10), Run("pt", 1, 0.20),
            Run("birpt", 0, 0.12, sparse: true), Run("birpt", 1, 0.21, sparse: true),
            Run("gp+mc", 0, 0.05), Run("gp+mc", 1, 0.06),
            Run("forest+mc", 0, 0.08), Run("forest+mc", 1, 0.09),
        };

        var section = PairedComparison.SparseSection(runs, name => name);

        Assert.That(section, Does.Contain("## Paired comparison (regression): each sparse method − pt"));
        Assert.That(section, Does.Contain("| birpt | 10 % | 0.0150 |"));
        Assert.That(section, Does.Not.Contain("gp+mc"));
        Assert.That(PairedComparison.SparseSection(runs.Where(r => r.Method != "pt").ToArray(), name => name), Is.Empty);
    }

    [Test]
    public void The_bi_rpt_section_compares_bi_rpt_with_hand_tune_only()
    {
        RunResult Run(string method, int seed, double accuracy) => new(method, RunResult.Classification, "5", seed, accuracy, []);
        var runs = new[]
        {
            Run("handtune", 0, 0.50), Run("handtune", 1, 0.60), Run("handtune", 2, 0.55),
            Run("birpt", 0, 0.52), Run("birpt", 1, 0.58), Run("birpt", 2, 0.60),
            Run("pt", 0, 0.40), Run("pt", 1, 0.40), Run("pt", 2, 0.40),
        };

        var section = PairedComparison.BiRptSection(runs, name => name.ToUpperInvariant());

        // Differences +0.02, −0.02, +0.05: mean +0.0167, better on 2 of 3.
        Assert.That(section, Does.Contain("## Paired comparison (classification): BIRPT − HANDTUNE, test accuracy, by seed"));
        Assert.That(section, Does.Contain("| BIRPT | 5 % | 0.017 | [").And.Contain("| 2 of 3 |"));
        Assert.That(section, Does.Not.Contain("| PT |"));
        Assert.That(PairedComparison.BiRptSection(runs.Where(r => r.Method != "handtune").ToArray(), name => name), Is.Empty);
    }
}
