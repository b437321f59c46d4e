using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Baselines;
using XYield.ML.Data;
using XYield.ML.Data.Splits;
using XYield.ML.Methods;
using XYield.ML.Models;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests.Baselines;

/// <summary>The equal-weight average of forest+mc and gp+mc ("blend+mc").</summary>
[TestFixture]
public sealed class AverageOfMethodsTests
{
    [Test]
    public void Regression_is_the_mean_of_the_two_and_classification_the_class_of_that_mean()
    {
        var split = ExperimentalSplits.FewShot(Points, 0.10, seed: 1);
        var regression = new BenchmarkFit(YieldTask.Regression, split.Train, split.Test, 1, CancellationToken.None);
        var forest = new TreeBaseline(TreeLearner.FastForest, withMarescaCurtin: true).Predict(regression);
        var gp = new GaussianProcessCorrection().Predict(regression);
        var blend = BenchmarkMethods.Create(BenchmarkMethods.ForestAndGaussianProcess, null!);

        var mean = blend.Predict(regression);
        var classes = blend.Predict(regression with { Task = YieldTask.Classification });

        Assert.That(blend.Name, Is.EqualTo("blend+mc"));
        Assert.That(BenchmarkMethods.Baselines, Does.Contain("blend+mc"), "needs no TorchSharp");
        Assert.That(mean, Is.EqualTo(forest.Zip(gp, (a, b) => (a + b) / 2)).Within(1e-12));
        Assert.That(classes, Is.EqualTo(mean.Select(v => (double)YieldLabels.ClassOf(Math.Max(0, v)))));
        Assert.That(mean.Zip(forest, (m, f) => Math.Abs(m - f)).Max(), Is.GreaterThan(0.01), "the two parts differ");
    }

    [Test]
    public void The_recommended_blend_averages_the_cnn_and_the_forest_and_needs_the_dense_network()
    {
        Assert.That(BenchmarkMethods.Recommended, Is.EqualTo("pt-forest+mc"));
        Assert.That(BenchmarkMethods.Names, Does.Contain("pt-forest+mc"));
        Assert.That(BenchmarkMethods.Baselines, Does.Not.Contain("pt-forest+mc"), "it trains a CNN");
        Assert.That(BenchmarkMethods.PretrainedNetworkOf("pt-forest+mc"), Is.EqualTo(PretrainingNeed.Dense));
        Assert.That(BenchmarkMethods.Describe().Single(d => d.Name == "pt-forest+mc").Summary,
            Does.StartWith("RECOMMENDED (chosen by cross-validation on training parts). physics-informed: the equal-weight mean of pt and forest+mc (the library's YieldTransferAndForest)"));
    }
}
