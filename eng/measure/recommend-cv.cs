// Which method to recommend, by cross-validation on training parts only (never the test parts): for each few-shot split
// (5 %, 10 %) and seed, the split's TRAINING part is cut into 5 folds that hold whole compositions; every candidate is
// trained on four and predicts the fifth, and its CV MSE is over the pooled held points. Candidates: the classical
// baselines, the CNN methods given on the command line (pre-trained networks come from the benchmark's cache), and
// the 50/50 averages of forest+mc with gp+mc and with each CNN method (computed from the same held predictions).
// Prints one line per (split, seed) and a summary: mean CV MSE over the training parts with a 95 % interval, and each
// candidate against forest+mc paired by training part.
// Run from the repository: dotnet run eng/measure/recommend-cv.cs -- [seeds] [paper|quick] [cnn methods, e.g. pt,pt-cv]
#:project ../../src/XYield.ML.Benchmark/XYield.ML.Benchmark.csproj
#:package TorchSharp-cpu
#:property PublishAot=false
#:property InvariantGlobalization=true
#:property TreatWarningsAsErrors=false

using System.Diagnostics;
using System.Globalization;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Benchmark.Report;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Splits;
using XYield.ML.Evaluation;
using XYield.ML.Models;
using XYield.ML.Storage;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var profile = args.Length > 1 && args[1] == "quick" ? BenchmarkProfile.Quick : BenchmarkProfile.Paper;
var cnnNames = args.Length > 2 ? args[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Where(n => n != "none").ToArray() : ["pt"];
const int Folds = 5;

var points = ExperimentalDataSet.Load();
var store = new PretrainedNetworkStore(Environment.GetEnvironmentVariable(PretrainedNetworkStore.FolderEnvironmentVariable)
    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "xyield"));
using var cache = new PretrainedCache(profile.Cnn("cpu"), store, report: Console.Error.WriteLine);
string[] baselineNames = ["mc", "forest", "lgbm+mc", "fasttree+mc", "forest+mc", "gp+mc"];
var methods = baselineNames.Concat(cnnNames).Select(n => BenchmarkMethods.Create(n, cache)).ToArray();
(string Name, string A, string B)[] blends = [("forest+mc & gp+mc", "forest+mc", "gp+mc"), .. cnnNames.Select(n => ($"forest+mc & {n}", "forest+mc", n))];

var results = new List<RunResult>();
var clock = Stopwatch.StartNew();
foreach (var percent in new[] { 5, 10 })
{
    for (var seed = 0; seed < seeds; seed++)
    {
        var part = ExperimentalSplits.FewShot(points, percent / 100.0, seed).Train;   // the test part is never read
        var held = new Dictionary<string, List<(double Actual, double Predicted)>>();
        foreach (var fold in ExperimentalSplits.KFold(part, Folds, seed, grouped: true))
        {
            foreach (var method in methods)
            {
                var fit = new BenchmarkFit(YieldTask.Regression, fold.Train, fold.Test, seed, CancellationToken.None);
                var predicted = method.Predict(fit);
                var list = held.TryGetValue(method.Name, out var l) ? l : held[method.Name] = [];
                list.AddRange(fold.Test.Select((p, i) => (p.YieldStrengthGpa, predicted[i])));
            }
        }

        foreach (var (name, a, b) in blends)
        {
            held[name] = held[a].Zip(held[b], (x, y) => (x.Actual, (x.Predicted + y.Predicted) / 2)).ToList();
        }

        foreach (var (name, list) in held)
        {
            var mse = Metrics.MeanSquaredError(list.Select(p => p.Predicted).ToArray(), list.Select(p => p.Actual).ToArray());
            results.Add(new RunResult(name, RunResult.Regression, percent.ToString(CultureInfo.InvariantCulture), seed, mse, []));
        }

        Console.WriteLine($"{percent} % seed {seed} ({part.Count} training points, {clock.Elapsed:h\\:mm\\:ss}): " +
            string.Join(", ", held.Keys.Select(n => $"{n} {results.Single(r => r.Method == n && r.Split == percent.ToString(CultureInfo.InvariantCulture) && r.Seed == seed).Metric:0.0000}")));
    }
}

Console.WriteLine();
Console.WriteLine($"Mean CV MSE (GPa²) over {seeds} training parts per split, {Folds}-fold CV by composition, profile {profile.Name}; paired against forest+mc:");
Console.WriteLine("| candidate | split | mean CV MSE ± 95 % | − forest+mc, mean [95 % CI] | parts better |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
var paired = PairedComparison.Against(results, RunResult.Regression).ToDictionary(r => (r.Method, r.Split));
foreach (var group in results.GroupBy(r => (r.Method, r.Split)).OrderBy(g => g.Key.Split).ThenBy(g => g.Average(r => r.Metric)))
{
    var mean = MeanWithInterval.Of(group.Select(r => r.Metric));
    var versus = paired.TryGetValue(group.Key, out var row)
        ? $"{row.Difference.Mean:+0.0000;−0.0000} [{row.Difference.Mean - row.Difference.HalfWidth:+0.0000;−0.0000}, {row.Difference.Mean + row.Difference.HalfWidth:+0.0000;−0.0000}] | {row.Better}/{row.Difference.Count}"
        : "— | —";
    Console.WriteLine($"| {group.Key.Method} | {group.Key.Split} % | {mean.Mean:0.0000} ± {mean.HalfWidth:0.0000} | {versus} |");
}

Console.WriteLine($"wall clock {clock.Elapsed:h\\:mm\\:ss}");
