using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Baselines;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Evaluation;
using XYield.ML.Models;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests.Baselines;

[TestFixture]
public sealed class BaselineTests
{
    [Test]
    public void Maresca_Curtin_predictor_mse_equals_a_hand_computation()
    {
        // The Maresca–Curtin estimates (GPa) of these alloys, as the simulation gives them (cf. the paper's Table 3).
        var test = new ExperimentalDataSet([
            Point("MoNbTaTi", 473.15, 0.868),
            Point("MoNbTaTiW", 873.15, 0.689),
            Point("HfMoNbTaTiZr", 1073.15, 1.007),
        ]);
        var fit = new BenchmarkFit(YieldTask.Regression, test, test, 0, CancellationToken.None);

        var predicted = new MarescaCurtinPredictor().Predict(fit);

        Assert.That(predicted, Is.EqualTo(new[] { 0.395, 0.383, 0.929 }).Within(0.0005));
        var hand = (Math.Pow(predicted[0] - 0.868, 2) + Math.Pow(predicted[1] - 0.689, 2) + Math.Pow(predicted[2] - 1.007, 2)) / 3;
        Assert.That(Metrics.MeanSquaredError(predicted, test.Select(p => p.YieldStrengthGpa).ToArray()), Is.EqualTo(hand).Within(1e-12));
        Assert.That(hand, Is.EqualTo(((0.473 * 0.473) + (0.306 * 0.306) + (0.078 * 0.078)) / 3).Within(0.0005));
    }

    [Test]
    public void Maresca_Curtin_predictor_classifies_its_estimate()
    {
        var test = new ExperimentalDataSet([Point("MoNbTaTi", 473.15, 0.868), Point("HfMoNbTaTiZr", 1073.15, 1.007), Point("HfMoNbTaTiZr", 296.15, 1.512)]);

        var classes = new MarescaCurtinPredictor().Predict(new BenchmarkFit(YieldTask.Classification, test, test, 0, CancellationToken.None));

        // 0.395 → [0, 0.5), 0.929 → [0.5, 1), 1.671 → [1.5, 2).
        Assert.That(classes, Is.EqualTo(new double[] { 0, 1, 3 }));
    }

    [TestCase(TreeLearner.LightGbm, false)]
    [TestCase(TreeLearner.FastTree, true)]
    [TestCase(TreeLearner.FastForest, false)]
    [TestCase(TreeLearner.FastForest, true)]
    public void Trees_beat_the_mean_predictor_on_10_fold_cv(TreeLearner learner, bool withMarescaCurtin)
    {
        var method = new TreeBaseline(learner, withMarescaCurtin);
        var run = new PlannedRun(method.Name, YieldTask.Regression, BenchmarkSplit.Parse("cv"), 0);

        var result = BenchmarkRunner.Evaluate(method, run, Points);

        var meanPredictor = new BenchmarkSplit("cv").Partitions(Points, 0).SelectMany(s =>
        {
            var mean = s.Train.Average(p => p.YieldStrengthGpa);
            return s.Test.Select(p => (p.YieldStrengthGpa - mean) * (p.YieldStrengthGpa - mean));
        }).Average();
        Assert.That(result.Points, Has.Count.EqualTo(238));
        Assert.That(meanPredictor, Is.GreaterThan(0.1));
        Assert.That(result.Metric, Is.LessThan(0.5 * meanPredictor), $"tree MSE {result.Metric} vs mean predictor {meanPredictor}");
    }

    [TestCase(TreeLearner.LightGbm)]
    [TestCase(TreeLearner.FastTree)]
    [TestCase(TreeLearner.FastForest)]
    public void Tree_classifiers_beat_the_majority_class_on_10_fold_cv(TreeLearner learner)
    {
        var method = new TreeBaseline(learner, withMarescaCurtin: false);
        var run = new PlannedRun(method.Name, YieldTask.Classification, BenchmarkSplit.Parse("cv"), 0);

        var result = BenchmarkRunner.Evaluate(method, run, Points);

        var majority = Points.GroupBy(p => YieldLabels.ClassOf(p.YieldStrengthGpa)).Max(g => g.Count()) / (double)Points.Count;
        Assert.That(result.Points.All(p => p.Predicted is >= 0 and <= 4 && p.Predicted == Math.Floor(p.Predicted)));
        Assert.That(result.Metric, Is.GreaterThan(majority + 0.1), $"accuracy {result.Metric} vs majority {majority}");
    }

    [Test]
    public void Random_forest_names_and_settings_are_the_documented_ones()
    {
        var forest = new TreeBaseline(TreeLearner.FastForest, withMarescaCurtin: true);

        Assert.That((forest.Name, forest.DisplayName), Is.EqualTo(("forest+mc", "Random forest + MC feature")));
        Assert.That(forest.Settings, Is.EqualTo(TreeSettings.Forest));
        Assert.That(BenchmarkMethods.Baselines, Does.Contain("forest").And.Contain("forest+mc"));
    }

    [Test]
    public void Training_with_one_class_predicts_that_class()
    {
        var train = new ExperimentalDataSet([Point("MoNbTaTi", 473.15, 0.868), Point("MoNbTaTiW", 873.15, 0.689)]);
        var test = new ExperimentalDataSet([Point("NbTaTi", 300, 0.2), Point("HfMoNbTaTiZr", 296.15, 1.512)]);

        var classes = new TreeBaseline(TreeLearner.FastTree, false).Predict(new BenchmarkFit(YieldTask.Classification, train, test, 0, CancellationToken.None));

        Assert.That(classes, Is.EqualTo(new double[] { 1, 1 }));
    }

    [Test]
    public void Few_shot_run_predicts_every_test_point_of_the_split()
    {
        var method = new TreeBaseline(TreeLearner.LightGbm, true);
        var run = new PlannedRun(method.Name, YieldTask.Regression, BenchmarkSplit.Parse("5"), 3);

        var result = BenchmarkRunner.Evaluate(method, run, Points);

        Assert.That(result.Points, Has.Count.EqualTo(226));
        Assert.That(result.Points.All(p => double.IsFinite(p.Predicted)));
        Assert.That((result.Method, result.Task, result.Split, result.Seed), Is.EqualTo(("lgbm+mc", "regression", "5", 3)));
    }
}
