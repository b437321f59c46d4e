using XYield.ML.Benchmark.Report;
using XYield.ML.Chemistry;
using XYield.ML.Data.Experimental;

namespace XYield.ML.Benchmark.Tests;

/// <summary>Small hand-made points and results for the benchmark tests.</summary>
internal static class BenchmarkTestData
{
    private static readonly Lazy<ExperimentalDataSet> Experimental = new(() => ExperimentalDataSet.Load());

    /// <summary>The real experimental set (238 points), loaded once.</summary>
    public static ExperimentalDataSet Points => Experimental.Value;

    public static ExperimentalPoint Point(string formula, double kelvin, double gpa) => new(Composition.Parse(formula), kelvin, gpa, []);

    public static PointPrediction Prediction(string formula, double kelvin, double actual, double predicted) =>
        new(Composition.Parse(formula).ToString(), kelvin, actual, predicted);

    /// <summary>Regression and classification runs of two methods on the 10 % and CV splits, two seeds each.</summary>
    public static List<RunResult> SmallResults()
    {
        var results = new List<RunResult>();
        foreach (var method in new[] { "mc", "lgbm" })
        {
            foreach (var seed in new[] { 0, 1 })
            {
                var offset = method == "mc" ? 0.3 : 0.05 * (seed + 1);
                foreach (var split in new[] { "10", "cv" })
                {
                    var points = new[]
                    {
                        Prediction("MoNbTaTi", 473.15, 0.868, 0.868 - offset),
                        Prediction("HfMoNbTaTiZr", 1073.15, 1.007, 1.007 + offset),
                        Prediction("NbTaTi", 1573.15, 0.2, 0.2 + offset),
                    };
                    results.Add(new RunResult(method, RunResult.Regression, split, seed, offset * offset, points));
                    var classes = new[] { Prediction("MoNbTaTi", 473.15, 1, 1), Prediction("NbTaTi", 1573.15, 0, seed) };
                    results.Add(new RunResult(method, RunResult.Classification, split, seed, seed == 0 ? 1 : 0.5, classes));
                }
            }
        }

        return results;
    }
}
