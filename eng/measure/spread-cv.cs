// What ranks the recommended method's risk, by cross-validation on training parts only (never the test parts): for each
// few-shot split (5 %, 10 %) and seed, YieldTransferAndForest is fitted on the split's TRAINING part exactly as the
// benchmark fits it; its 5-fold calibration (folds hold whole alloys) leaves one out-of-fold error per training row. Each
// row is written with what a standard deviation could be built from: the raw spread r (the halves' disagreement), the
// blend's mean, the Maresca–Curtin estimate, the temperature, and the L1 composition distance from the row's alloy to the
// nearest alloy of the other folds (what a fold model had seen). Output: a CSV on standard output.
// With "forest+mc" as third argument, the forest with the Maresca–Curtin feature alone on the same kind of folds (no CNN,
// seconds; raw spread empty).
// Run from the repository: dotnet run eng/measure/spread-cv.cs -- [seeds] [paper|quick] [recommended|forest+mc] > spread-cv.csv
#:project ../../src/XYield.ML.Benchmark/XYield.ML.Benchmark.csproj
#:package TorchSharp-cpu
#:property PublishAot=false
#:property InvariantGlobalization=true
#:property TreatWarningsAsErrors=false

using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using XYield.ML;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Splits;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Storage;
using XYield.ML.Training.CrossValidation;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var profile = args.Length > 1 && args[1] == "quick" ? BenchmarkProfile.Quick : BenchmarkProfile.Paper;
var forestOnly = args.Length > 2 && args[2] == "forest+mc";

var points = ExperimentalDataSet.Load();
var store = new PretrainedNetworkStore(Environment.GetEnvironmentVariable(PretrainedNetworkStore.FolderEnvironmentVariable)
    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "xyield"));
using var cache = new PretrainedCache(profile.Cnn("cpu"), store, report: Console.Error.WriteLine);
var clock = Stopwatch.StartNew();
Console.WriteLine("split,seed,row,fold,temperature,actual,error,raw,mean,mc,distance");
foreach (var percent in new[] { 5, 10 })
{
    for (var seed = 0; seed < seeds; seed++)
    {
        var part = ExperimentalSplits.FewShot(points, percent / 100.0, seed).Train;   // the test part is never read
        var fractions = part.Select(p => p.Composition.ToPaletteFractions()).ToArray();
        var rows = forestOnly ? ForestRows(part, seed) : RecommendedRows(part, seed);
        foreach (var (row, fold, error, raw, mc, seen) in rows)
        {
            var distance = seen.Min(s => fractions[row].Zip(fractions[s], (a, b) => Math.Abs(a - b)).Sum());
            var actual = part[row].YieldStrengthGpa;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{percent},{seed},{row},{fold},{part[row].TemperatureKelvin},{actual},{error},{raw},{actual - error},{mc},{distance}"));
        }

        Console.Error.WriteLine($"{percent} % seed {seed}: {part.Count} rows, {clock.Elapsed:h\\:mm\\:ss}");
    }
}

// The recommended method's own 5-fold calibration: one out-of-fold error and raw spread per row.
IEnumerable<(int Row, int Fold, double Error, double Raw, double Mc, int[] Seen)> RecommendedRows(ExperimentalDataSet part, int seed)
{
    var ml = new MLContext(seed);
    var options = new TransferAndForestTrainerOptions
    {
        LabelColumnName = YieldLabels.ColumnName(YieldTask.Regression),
        Cnn = cache.Settings.TrainerOptions(YieldTask.Regression, seed, CancellationToken.None),
        SpreadCalibration = new SpreadCalibrationOptions { Folds = CnnMethod.EpochSelectionFolds },
    };
    var pretrained = cache.Dense(YieldTask.Regression, null, CancellationToken.None);
    var pipeline = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldTransferAndForest(pretrained, options));
    using var model = pipeline.Fit(part.ToDataView(ml));
    var calibration = model.LastTransformer.SpreadCalibration!;
    var mc = model.Transform(part.ToDataView(ml)).GetColumn<float>(TransferAndForestTransformer.MarescaCurtinColumnName).ToArray();
    var result = new List<(int, int, double, double, double, int[])>();
    for (var f = 0; f < calibration.ValidationRows.Count; f++)
    {
        var held = calibration.ValidationRows[f];
        var seen = Enumerable.Range(0, part.Count).Except(held).ToArray();
        result.AddRange(held.Select(row => (row, f, calibration.Errors[row], calibration.RawSpreads[row], (double)mc[row], seen)));
    }

    return result;
}

// forest+mc alone on the benchmark's 5 folds by composition (seconds, no CNN): no halves, so "raw" is the spread of the
// forest's own trees (the standard deviation of the 100 tree outputs), the classical random-forest uncertainty.
IEnumerable<(int Row, int Fold, double Error, double Raw, double Mc, int[] Seen)> ForestRows(ExperimentalDataSet part, int seed)
{
    var mcMethod = BenchmarkMethods.Create("mc", cache);
    var mc = mcMethod.Predict(new BenchmarkFit(YieldTask.Regression, part, part, seed, CancellationToken.None));
    var features = part.Select((p, i) => p.Composition.ToPaletteFractions().Select(v => (float)v).Append((float)p.TemperatureKelvin).Append((float)mc[i]).ToArray()).ToArray();
    var index = part.Select((p, i) => (p, i)).ToDictionary(t => (object)t.p, t => t.i, ReferenceEqualityComparer.Instance);
    var result = new List<(int, int, double, double, double, int[])>();
    var f = 0;
    foreach (var fold in ExperimentalSplits.KFold(part, CnnMethod.EpochSelectionFolds, seed, grouped: true))
    {
        var seen = fold.Train.Select(p => index[p]).ToArray();
        var ml = new MLContext(seed);
        var forest = ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = 100, NumberOfLeaves = 64, MinimumExampleCountPerLeaf = 1, FeatureFraction = 1, NumberOfThreads = 1, Seed = seed,
        }).Fit(ml.Data.LoadFromEnumerable(seen.Select(r => new ForestInput { Features = features[r], Label = (float)part[r].YieldStrengthGpa })));
        var ensemble = forest.Model.TrainedTreeEnsemble;
        var held = fold.Test.Select(p => index[p]).ToArray();
        var scores = forest.Transform(ml.Data.LoadFromEnumerable(held.Select(r => new ForestInput { Features = features[r] }))).GetColumn<float>("Score").ToArray();
        for (var i = 0; i < held.Length; i++)
        {
            var row = held[i];
            // The forest's score is the mean of its trees' leaf values (checked against ML.NET's own score).
            var outputs = ensemble.Trees.Select(tree => tree.LeafValues[Leaf(tree, features[row])]).ToArray();
            var mean = outputs.Average();
            if (Math.Abs(mean - scores[i]) > 1e-4 * Math.Max(1, Math.Abs(mean)))
            {
                throw new InvalidOperationException($"tree walk {mean} != forest score {scores[i]}");
            }

            var sd = Math.Sqrt(outputs.Sum(o => (o - mean) * (o - mean)) / (outputs.Length - 1));
            result.Add((row, f, part[row].YieldStrengthGpa - scores[i], sd, mc[row], seen));
        }

        f++;
    }

    return result;
}

static int Leaf(RegressionTreeBase tree, float[] x)
{
    if (tree.NumberOfNodes == 0)
    {
        return 0;
    }

    var node = 0;
    while (node >= 0)
    {
        node = x[tree.NumericalSplitFeatureIndexes[node]] <= tree.NumericalSplitThresholds[node] ? tree.LeftChild[node] : tree.RightChild[node];
    }

    return ~node;
}

sealed class ForestInput
{
    [VectorType(13)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}
