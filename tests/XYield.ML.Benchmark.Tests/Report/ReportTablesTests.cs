using XYield.ML.Benchmark.Report;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests.Report;

[TestFixture]
public sealed class ReportTablesTests
{
    [Test]
    public void Metric_table_gives_mean_and_student_t_interval_per_method_and_split()
    {
        var results = new[] { 1.0, 2.0, 3.0 }.Select((m, seed) => new RunResult("lgbm", RunResult.Regression, "5", seed, m, [])).ToList();
        results.Add(new RunResult("lgbm", RunResult.Regression, "cv", 0, 0.04, []));
        results.Add(new RunResult("lgbm", RunResult.Classification, "5", 0, 0.9, []));

        var row = BenchmarkTables.MetricTable(results, RunResult.Regression).Single();

        // t(0.975, 2) = 4.302653; s = 1; half-width = 4.302653 / √3.
        Assert.That(row.BySplit["5"].Mean, Is.EqualTo(2).Within(1e-12));
        Assert.That(row.BySplit["5"].HalfWidth, Is.EqualTo(2.484138).Within(1e-6));
        Assert.That(row.BySplit["5"].Count, Is.EqualTo(3));
        Assert.That(row.BySplit["cv"].HalfWidth, Is.Zero);
        Assert.That(BenchmarkTables.MetricTable(results, RunResult.Classification).Single().BySplit["5"].Mean, Is.EqualTo(0.9));
    }

    [Test]
    public void Alloy_table_averages_predictions_over_seeds_beside_the_simulation()
    {
        var rows = BenchmarkTables.AlloyTable(SmallResults(), "10");

        Assert.That(rows.Select(r => (r.Alloy, r.TemperatureKelvin)), Is.EqualTo(new[] { ("MoNbTaTi", 473.15), ("HfMoNbTaTiZr", 1073.15) }));
        var moNbTaTi = rows[0];
        Assert.That(moNbTaTi.ExperimentalGpa, Is.EqualTo(0.868));
        Assert.That(moNbTaTi.SimulationGpa, Is.EqualTo(0.395).Within(0.0005));
        // lgbm's offsets were 0.05 and 0.10 for seeds 0 and 1: mean prediction 0.868 − 0.075.
        Assert.That(moNbTaTi.PredictedGpa["lgbm"], Is.EqualTo(0.793).Within(1e-12));
    }

    [Test]
    public void Alloy_table_leaves_out_mc_whose_predictions_are_the_simulation_column()
    {
        var results = SmallResults();
        // mc predicts MarescaCurtinEstimates itself: give it those values, as the real method would.
        var real = results.Select(r => r.Method != "mc" || r.Task != RunResult.Regression ? r : r with
        {
            Points = [.. r.Points.Select(p => p with { Predicted = XYield.ML.Benchmark.Baselines.MarescaCurtinEstimates.Of(XYield.ML.Chemistry.Composition.Parse(p.Composition), p.TemperatureKelvin) })],
        });

        var rows = BenchmarkTables.AlloyTable(real, "10");

        Assert.That(rows.SelectMany(r => r.PredictedGpa.Keys).Distinct(), Is.EqualTo(new[] { "lgbm" }));
        Assert.That(rows[0].SimulationGpa, Is.EqualTo(real.First(r => r.Method == "mc").Points[0].Predicted), "the simulation column is what mc predicts");
    }

    [Test]
    public void Temperature_errors_pool_the_seeds_per_range()
    {
        var errors = BenchmarkTables.TemperatureErrors(SmallResults(), "10");

        var lgbm = errors["lgbm"];
        Assert.That(lgbm.Select(r => (r.FromKelvin, r.Count)), Is.EqualTo(new[] { (250.0, 2), (800.0, 2), (1400.0, 2) }));
        Assert.That(lgbm[0].MeanSquaredError, Is.EqualTo(((0.05 * 0.05) + (0.1 * 0.1)) / 2).Within(1e-12));
    }

    [Test]
    public void Ensembles_combine_seeds_on_cross_validation()
    {
        var row = BenchmarkTables.Ensembles(SmallResults()).Single(r => r.Method == "lgbm");

        Assert.That((row.Members, row.Points), Is.EqualTo((2, 3)));
        // Mean offset 0.075 on every point (signs differ per point): ensemble MSE 0.075².
        Assert.That(row.Statistics.MeanSquaredError, Is.EqualTo(0.075 * 0.075).Within(1e-12));
        Assert.That(row.Statistics.Uncertainty[0], Is.EqualTo(0.05 / Math.Sqrt(2)).Within(1e-12));
        Assert.That(row.MemberMse.Mean, Is.EqualTo(((0.05 * 0.05) + (0.1 * 0.1)) / 2).Within(1e-12));
    }

    [Test]
    public void Ensembles_need_two_seeds()
    {
        var oneSeed = SmallResults().Where(r => r.Seed == 0);

        Assert.That(BenchmarkTables.Ensembles(oneSeed), Is.Empty);
    }
}
