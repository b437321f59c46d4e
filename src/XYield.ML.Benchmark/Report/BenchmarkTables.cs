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
    /// method's prediction (mean over the seeds whose split held the point out) and the Maresca–Curtin estimate. The
    /// <c>mc</c> method is left out of the predictions: it predicts that estimate itself, so its column would repeat
    /// <see cref="AlloyRow.SimulationGpa"/>.
    /// </summary>
    public static IReadOnlyList<AlloyRow> AlloyTable(IEnumerable<RunResult> results, string split)
    {
        var simulation = new MarescaCurtinPredictor().Name;
        var runs = results.Where(r => r.Task == RunResult.Regression && r.Split == split && r.Method != simulation).ToArray();
        var rows = new List<AlloyRow>();
        foreach (var alloy in Table3Alloys)
        {
            var key = Composition.Parse(alloy).ToKey(2);
            var matches = runs.SelectMany(r => r.Points.Where(p => Composition.Parse(p.Composition).ToKey(2) == key).Select(p => (r.Method, Point: p)));
            foreach (var atTemperature in matches.GroupBy(m => Math.Round(m.Point.TemperatureKelvin, 2)).OrderBy(g => g.Key))
            {
                var first = atTemperature.First().Point;
                var estimate = MarescaCurtinEstimates.Of(Composition.Parse(first.Composition), first.TemperatureKelvin);
                var predicted = atTemperature.GroupBy(m => m.Method).ToDictionary(g => g.Key, g => g.Average(m => m.Point.Predicted));
                rows.Add(new AlloyRow(alloy, atTemperature.Key, first.Actual, estimate, predicted));
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
    /// Fig. 3 with its seed spread: every range of <see cref="TemperatureEdges"/> with the number of test points each
    /// seed's split put in it, and per method the test MSE in each range per seed, with their mean and standard deviation.
    /// A seed whose test points miss a range adds nothing to that range's MSE.
    /// </summary>
    /// <param name="results">The completed runs.</param>
    /// <param name="split">The split whose regression runs are used.</param>
    public static TemperatureSpread TemperatureSpread(IEnumerable<RunResult> results, string split)
    {
        ArgumentNullException.ThrowIfNull(results);
        var runs = results.Where(r => r.Task == RunResult.Regression && r.Split == split).ToArray();
        var edges = TemperatureEdges;
        var ranges = Enumerable.Range(0, edges.Count - 1).Select(i => (From: edges[i], To: edges[i + 1])).ToArray();
        static bool In((double From, double To) range, PointPrediction p) => p.TemperatureKelvin >= range.From && p.TemperatureKelvin < range.To;

        // Every method of a seed predicts that seed's test points; the largest run stands for the seed.
        var bins = ranges.Select(range => new TemperatureBin(range.From, range.To,
            runs.GroupBy(r => r.Seed).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Max(r => r.Points.Count(p => In(range, p)))))).ToArray();
        var byMethod = runs.GroupBy(r => r.Method).ToDictionary(m => m.Key, m => (IReadOnlyList<TemperatureBinError?>)ranges.Select(range =>
        {
            var perSeed = m.OrderBy(r => r.Seed)
                .Select(r => r.Points.Where(p => In(range, p)).ToArray())
                .Where(points => points.Length > 0)
                .Select(points => points.Average(p => (p.Predicted - p.Actual) * (p.Predicted - p.Actual)))
                .ToArray();
            return perSeed.Length > 0 ? new TemperatureBinError(range.From, range.To, perSeed) : null;
        }).ToArray());
        return new TemperatureSpread(bins, byMethod);
    }

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

/// <summary>Fig. 3's numbers: the temperature ranges and, per method, its error in each (null where it has no test point).</summary>
/// <param name="Bins">The ranges of <see cref="BenchmarkTables.TemperatureEdges"/>, in order, empty ones included.</param>
/// <param name="ByMethod">Per method short name, one entry per bin.</param>
public sealed record TemperatureSpread(IReadOnlyList<TemperatureBin> Bins, IReadOnlyDictionary<string, IReadOnlyList<TemperatureBinError?>> ByMethod);

/// <summary>One temperature range of Fig. 3 with the test points each seed put in it.</summary>
/// <param name="FromKelvin">Lower edge (inclusive).</param>
/// <param name="ToKelvin">Upper edge (exclusive).</param>
/// <param name="PointsBySeed">Per seed, its test points in the range (0 when its split put none there).</param>
public sealed record TemperatureBin(double FromKelvin, double ToKelvin, IReadOnlyDictionary<int, int> PointsBySeed)
{
    /// <summary>The fewest test points any seed has in the range.</summary>
    public int MinPoints => PointsBySeed.Count > 0 ? PointsBySeed.Values.Min() : 0;

    /// <summary>The most test points any seed has in the range.</summary>
    public int MaxPoints => PointsBySeed.Count > 0 ? PointsBySeed.Values.Max() : 0;

    /// <summary>"n = 2", or "n = 1–2" when the seeds' splits differ: test points per seed.</summary>
    public string CountLabel => MinPoints == MaxPoints
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n = {MinPoints}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n = {MinPoints}–{MaxPoints}");
}

/// <summary>One method's test MSE in one temperature range, per seed.</summary>
/// <param name="FromKelvin">Lower edge (inclusive).</param>
/// <param name="ToKelvin">Upper edge (exclusive).</param>
/// <param name="SeedMse">The MSE (GPa²) of each seed with test points in the range, in seed order.</param>
public sealed record TemperatureBinError(double FromKelvin, double ToKelvin, IReadOnlyList<double> SeedMse)
{
    /// <summary>The number of seeds behind the mean.</summary>
    public int Seeds => SeedMse.Count;

    /// <summary>The mean of <see cref="SeedMse"/>.</summary>
    public double Mean => SeedMse.Average();

    /// <summary>The sample standard deviation (n − 1) of <see cref="SeedMse"/>; 0 for one seed.</summary>
    public double StandardDeviation => Seeds < 2 ? 0 : Math.Sqrt(SeedMse.Sum(m => (m - Mean) * (m - Mean)) / (Seeds - 1));
}

/// <summary>One method's row of Table 12.</summary>
/// <param name="Method">The method's short name.</param>
/// <param name="Members">The number of seeds in the ensemble.</param>
/// <param name="Points">The points every member predicted.</param>
/// <param name="MemberMse">The members' own MSE, mean ± 95 % interval.</param>
/// <param name="Statistics">The ensemble's mean prediction, uncertainty and their quality.</param>
public sealed record EnsembleRow(string Method, int Members, int Points, MeanWithInterval MemberMse, EnsembleStatistics Statistics);
