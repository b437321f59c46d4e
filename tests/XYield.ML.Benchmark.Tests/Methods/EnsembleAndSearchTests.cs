using System.Text;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Benchmark.Report;
using XYield.ML.Methods;
using XYield.ML.Models;
using static XYield.ML.Benchmark.Tests.BenchmarkTestData;

namespace XYield.ML.Benchmark.Tests.Methods;

/// <summary>The benchmark's CNN ensemble entry (an uncertainty for the calibration table) and Bi-RPT under <c>--search</c>.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EnsembleAndSearchTests
{
    private static readonly BenchmarkProfile Tiny = BenchmarkProfile.Quick with { SimulatedCount = 200, PretrainingEpochs = 1, FineTuningEpochs = 2 };

    [Test]
    public void The_pt_ensemble_predicts_with_a_spread_and_reaches_the_calibration_table()
    {
        using var cache = new PretrainedCache(Tiny.Cnn("cpu"));
        var method = BenchmarkMethods.Create("pt-ensemble", cache);
        var run = new PlannedRun(method.Name, YieldTask.Regression, BenchmarkSplit.Parse("5"), 0);

        var result = BenchmarkRunner.Evaluate(method, run, Points);

        Assert.That(method, Is.InstanceOf<IUncertainBenchmarkMethod>());
        Assert.That(BenchmarkMethods.PretrainedNetworkOf("pt-ensemble"), Is.EqualTo(PretrainingNeed.Dense));
        Assert.That(result.Points.Select(p => p.StandardDeviation), Has.All.GreaterThan(0));
        var table = CalibrationTable.Section([result], BenchmarkMethods.DisplayName);
        Assert.That(table, Does.Contain("Pretrain-and-transfer (CNN), ensemble of 5"));
    }

    [Test]
    public void The_calibrated_ensemble_scales_the_same_members_spread_by_one_factor()
    {
        using var cache = new PretrainedCache(Tiny.Cnn("cpu"));
        var run = new PlannedRun("pt-ensemble", YieldTask.Regression, BenchmarkSplit.Parse("10"), 0);

        var raw = BenchmarkRunner.Evaluate(BenchmarkMethods.Create("pt-ensemble", cache), run, Points);
        var calibrated = BenchmarkRunner.Evaluate(BenchmarkMethods.Create("pt-ensemble-cal", cache), run with { Method = "pt-ensemble-cal" }, Points);

        Assert.That(BenchmarkMethods.DisplayName("pt-ensemble-cal"), Is.EqualTo("Pretrain-and-transfer (CNN), ensemble of 5, CV-calibrated spread"));
        Assert.That(calibrated.Points.Select(p => p.Predicted), Is.EqualTo(raw.Points.Select(p => p.Predicted)), "the same members");
        var ratios = raw.Points.Zip(calibrated.Points, (r, c) => c.StandardDeviation!.Value / r.StandardDeviation!.Value).Where(double.IsFinite).ToArray();
        Assert.That(ratios.Max() - ratios.Min(), Is.LessThan(1e-3 * ratios.Average()), "one scale for every point");
        Assert.That(ratios.Average(), Is.Not.EqualTo(1).Within(1e-6));
    }

    [Test]
    public void The_pt_cv_entry_stops_at_the_epoch_its_training_part_chose_and_the_report_shows_it()
    {
        using var cache = new PretrainedCache((Tiny with { FineTuningEpochs = 4 }).Cnn("cpu"));
        var method = BenchmarkMethods.Create("pt-cv", cache);
        var run = new PlannedRun(method.Name, YieldTask.Regression, BenchmarkSplit.Parse("10"), 0);

        var result = BenchmarkRunner.Evaluate(method, run, Points);

        Assert.That(BenchmarkMethods.PretrainedNetworkOf("pt-cv"), Is.EqualTo(PretrainingNeed.Dense));
        Assert.That(BenchmarkMethods.DisplayName("pt-cv"), Is.EqualTo("Pretrain-and-transfer (CNN), epoch by CV"));
        var choice = result.EpochChoices!.Single();
        Assert.That(choice.MaxEpoch, Is.EqualTo(4));
        Assert.That(choice.Epoch, Is.InRange(1, 4));
        Assert.That(choice.CvMetric, Is.LessThanOrEqualTo(choice.LastEpochCvMetric), "the chosen epoch is the best on the folds");
        Assert.That(result.Points, Has.Count.EqualTo(213));
        var md = new StringBuilder();
        EpochChoiceSummary.AppendSection(md, [result], BenchmarkMethods.DisplayName);
        Assert.That(md.ToString(), Does.Contain("## Fine-tuning epoch chosen by cross-validation (training parts)")
            .And.Contain(FormattableString.Invariant($"| Pretrain-and-transfer (CNN), epoch by CV | regression | 10 % | 1 | {choice.Epoch} ({choice.Epoch}–{choice.Epoch}) of 4 |")));
    }

    [Test]
    public void Bi_rpt_with_search_records_the_cross_validated_table_and_the_report_shows_it()
    {
        var profile = Tiny with { BiRptSearch = true };
        using var cache = new PretrainedCache(profile.Cnn("cpu") with { BiRptSearch = new XYield.ML.Methods.BiRpt.BiRptSearchOptions { ShrinkBudgetCandidates = [0, 2], Folds = 2 } });
        var method = new CnnMethod(YieldCnnMethod.BiRpt, cache);
        var run = new PlannedRun(method.Name, YieldTask.Regression, BenchmarkSplit.Parse("5"), 0);

        var result = BenchmarkRunner.Evaluate(method, run, Points);

        Assert.That(result.Search!.Select(e => e.Candidate), Is.EqualTo(new[] { "budget 0, λ_l 0.001", "budget 2, λ_l 0.001" }));
        Assert.That(result.Search!.Count(e => e.Chosen), Is.EqualTo(1));
        Assert.That(profile.Fingerprint(EvaluationProtocol.FinalEpoch)["--search"], Is.EqualTo("true"));
        var md = new StringBuilder();
        SearchSummary.AppendSection(md, [result], BenchmarkMethods.DisplayName);
        Assert.That(md.ToString(), Does.Contain("## Coefficient search (cross-validation on the training parts)").And.Contain("| Bi-RPT | regression | 5 % | budget 2, λ_l 0.001 |"));
    }
}
