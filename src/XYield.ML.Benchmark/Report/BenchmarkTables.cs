using XYield.ML.Benchmark.Baselines;
using XYield.ML.Chemistry;
using XYield.ML.Evaluation;

namespace XYield.ML.Benchmark.Report;

/// <summary>The aggregations behind the report: the paper's Tables 2, 3, 11 and 12 and Fig. 3, from completed runs.</summary>
public static class BenchmarkTables
{
    /// <summary>The alloys of the paper's Table 3 (equiatomic).</summary>
    public static IReadOnlyList<string> Table3Alloys { get; } = ["MoNbTaTi", "MoNbTaTiW", "HfMoNbTaTiZr"];

    /// <summary>The temperature ranges of Fig. 3, in K: room temperature up to 2100 K in 300 K steps.</summary>
    public static IReadOnlyList<double> TemperatureEdges { get; } = [250, 500, 800, 1100, 1400, 1700, 2100];

    /// <summary>
    /// The paper's Table 2 (few-shot splits) and Table 11 (cross-validation), regression MSE or classification accuracy:
    /// per method and split, the mean over seeds with its 95 % interval. Methods and splits keep the order in which they
    /// first appear.
    /// </summary>
    public static IReadOnlyList<MetricRow> MetricTable(IEnumerable<RunResult> results, string task) =>
        results.Where(r => r.Task == task)
            .GroupBy(r => r.Method)
            .Select(m => new MetricRow(m.Key, m.GroupBy(r => r.Split).ToDictionary(s => s.Key, s => MeanWithInterval.Of(s.Select(r => r.Metric)))))
            .ToArray();

    /// <summary>
    /// Table 3: the measured yield strength of <see cref="Table3Alloys"/> at each measured temperature, beside each
    /// method's prediction (mean over the seeds whose split held the point out) and the Maresca–Curtin estimate.
    /// </summary>
    public static IReadOnlyList<AlloyRow> AlloyTable(IEnumerable<RunResult> results, string split)
    {
        var runs = results.Where(r => r.Task == RunResult.Regression && r.Split == split).ToArray();
        var rows = new List<AlloyRow>();
        foreach (var alloy in Table3Alloys)
        {
            var key = Composition.Parse(alloy).ToKey(2);
            var matches = runs.SelectMany(r => r.Points.Where(p => Composition.Parse(p.Composition).ToKey(2) == key).Select(p => (r.Method, Point: p)));
            foreach (var atTemperature in matches.GroupBy(m => Math.Round(m.Point.TemperatureKelvin, 2)).OrderBy(g => g.Key))
            {
                var first = atTemperature.First().Point;
                var simulation = MarescaCurtinEstimates.Of(Composition.Parse(first.Composition), first.TemperatureKelvin);
                var predicted = atTemperature.GroupBy(m => m.Method).ToDictionary(g => g.Key, g => g.Average(m => m.Point.Predicted));
                rows.Add(new AlloyRow(alloy, atTemperature.Key, first.Actual, simulation, predicted));
            }
        }

        return rows;
    }

    /// <summary>Fig. 3: per method, the test MSE within each temperature range, pooling the test points of every seed.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<TemperatureRangeError>> TemperatureErrors(IEnumerable<RunResult> results, string split) =>
        results.Where(r => r.Task == RunResult.Regression && r.Split == split)
            .GroupBy(r => r.Method)
            .ToDictionary(m => m.Key, m =>
            {
                var points = m.SelectMany(r => r.Points).ToArray();
                return Metrics.MeanSquaredErrorByTemperature(
                    points.Select(p => p.Predicted).ToArray(), points.Select(p => p.Actual).ToArray(),
                    points.Select(p => p.TemperatureKelvin).ToArray(), TemperatureEdges);
            });

    /// <summary>
    /// Table 12: per method, the seeds' models as an ensemble on the regression runs of <paramref name="split"/>.
    /// Only cross-validation predicts the same points under every seed, so only it forms ensembles; methods with
    /// fewer than two seeds are left out.
    /// </summary>
    public static IReadOnlyList<EnsembleRow> Ensembles(IEnumerable<RunResult> results, string split = "cv")
    {
        var rows = new List<EnsembleRow>();
        foreach (var method in results.Where(r => r.Task == RunResult.Regression && r.Split == split).GroupBy(r => r.Method))
        {
            var members = method.OrderBy(r => r.Seed).Select(r => r.Points.ToDictionary(PointKey)).ToArray();
            if (members.Length < 2)
            {
                continue;
            }

            var keys = members[0].Keys.Where(k => members.All(m => m.ContainsKey(k))).Order(StringComparer.Ordinal).ToArray();
            var actual = keys.Select(k => members[0][k].Actual).ToArray();
            var predictions = members.Select(m => (IReadOnlyList<double>)keys.Select(k => m[k].Predicted).ToArray()).ToArray();
            var statistics = EnsembleStatistics.Of(predictions, actual);
            var memberMse = MeanWithInterval.Of(predictions.Select(p => Metrics.MeanSquaredError(p, actual)));
            rows.Add(new EnsembleRow(method.Key, members.Length, keys.Length, memberMse, statistics));
        }

        return rows;
    }

    private static string PointKey(PointPrediction p) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Composition}@{p.TemperatureKelvin:0.##}");
}

/// <summary>One method's row of the Table 2 / Table 11 sections.</summary>
/// <param name="Method">The method's short name.</param>
/// <param name="BySplit">Mean ± 95 % interval over seeds per split name.</param>
public sealed record MetricRow(string Method, IReadOnlyDictionary<string, MeanWithInterval> BySplit);

/// <summary>One row of Table 3.</summary>
/// <param name="Alloy">The alloy, e.g. "MoNbTaTi".</param>
/// <param name="TemperatureKelvin">The measured temperature in K.</param>
/// <param name="ExperimentalGpa">The measured yield strength in GPa.</param>
/// <param name="SimulationGpa">The Maresca–Curtin estimate in GPa.</param>
/// <param name="PredictedGpa">Per method, the mean prediction over the seeds that held this point out.</param>
public sealed record AlloyRow(string Alloy, double TemperatureKelvin, double ExperimentalGpa, double SimulationGpa, IReadOnlyDictionary<string, double> PredictedGpa);

/// <summary>One method's row of Table 12.</summary>
/// <param name="Method">The method's short name.</param>
/// <param name="Members">The number of seeds in the ensemble.</param>
/// <param name="Points">The points every member predicted.</param>
/// <param name="MemberMse">The members' own MSE, mean ± 95 % interval.</param>
/// <param name="Statistics">The ensemble's mean prediction, uncertainty and their quality.</param>
public sealed record EnsembleRow(string Method, int Members, int Points, MeanWithInterval MemberMse, EnsembleStatistics Statistics);
