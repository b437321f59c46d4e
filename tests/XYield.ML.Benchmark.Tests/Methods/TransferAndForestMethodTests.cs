using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Benchmark.Report;
using XYield.ML.Data;
using XYield.ML.Models;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests.Methods;

/// <summary>The recommended entry, pt-forest+mc, runs the library's YieldTransferAndForest: the mean of pt and forest+mc, with a spread.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TransferAndForestMethodTests
{
    private static readonly BenchmarkProfile Tiny = BenchmarkProfile.Quick with { SimulatedCount = 200, PretrainingEpochs = 1, FineTuningEpochs = 2 };

    [Test]
    public void It_predicts_the_mean_of_pt_and_forest_mc_on_the_same_split_with_a_calibrated_spread()
    {
        using var cache = new PretrainedCache(Tiny.Cnn("cpu"));
        var run = new PlannedRun(BenchmarkMethods.TransferAndForest, YieldTask.Regression, BenchmarkSplit.Parse("10"), 0);

        var blend = BenchmarkRunner.Evaluate(BenchmarkMethods.Create(BenchmarkMethods.TransferAndForest, cache), run, Points);
        var pt = BenchmarkRunner.Evaluate(BenchmarkMethods.Create("pt", cache), run with { Method = "pt" }, Points);
        var forest = BenchmarkRunner.Evaluate(BenchmarkMethods.Create("forest+mc", cache), run with { Method = "forest+mc" }, Points);

        Assert.That(BenchmarkMethods.Create(BenchmarkMethods.TransferAndForest, cache), Is.InstanceOf<TransferAndForestMethod>());
        var expected = pt.Points.Zip(forest.Points, (a, b) => (a.Predicted + b.Predicted) / 2).ToArray();
        Assert.That(blend.Points.Select(p => p.Predicted), Is.EqualTo(expected).Within(1e-5));
        Assert.That(blend.Points.Select(p => p.StandardDeviation), Has.All.GreaterThan(0));
        Assert.That(CalibrationTable.Section([blend], BenchmarkMethods.DisplayName), Does.Contain("Mean of pretrain-and-transfer and forest + MC"));

        var classes = BenchmarkRunner.Evaluate(BenchmarkMethods.Create(BenchmarkMethods.TransferAndForest, cache), run with { Task = YieldTask.Classification }, Points);
        Assert.That(classes.Points.Select(p => p.Predicted), Is.EqualTo(blend.Points.Select(p => (double)YieldLabels.ClassOf(Math.Max(0, p.Predicted)))));
    }
}
