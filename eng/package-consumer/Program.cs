// The throwaway consumer of eng/check-package.sh: uses the packed XYield.ML as an application would —
// featurise, train a small CNN, save with plain mlContext.Model.Save, load and compare — and the packed
// XYield.ML.Benchmark: a one-seed LightGBM benchmark written to a folder and read back.
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML;
using XYield.ML.Benchmark;
using XYield.ML.Data.Experimental;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;

TorchBackend.EnsureAvailable();
var ml = new MLContext(seed: 1);
var points = ExperimentalDataSet.Load();
var data = ml.Data.TakeRows(points.ToDataView(ml), 20);

var trainer = ml.Regression.Trainers.YieldCnn(new YieldCnnTrainerOptions
{
    LabelColumnName = "YieldStrength",
    Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
    FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 2 },
    Device = "cpu",
});
var model = ml.Transforms.FeaturizeComposition().Append(ml.Transforms.FeaturizePseudoImage()).Append(trainer).Fit(data);

using var stream = new MemoryStream();
ml.Model.Save(model, data.Schema, stream);
stream.Position = 0;
var loaded = ml.Model.Load(stream, out _);

var before = model.Transform(data).GetColumn<float>("Score").ToArray();
var after = loaded.Transform(data).GetColumn<float>("Score").ToArray();
var same = before.SequenceEqual(after);
Console.WriteLine($"XYield.ML package OK: libtorch {TorchBackend.LibTorchVersion}, {points.Count} experimental points, " +
                  $"model zip {stream.Length} bytes, predictions identical after load: {same}");

var folder = Directory.CreateTempSubdirectory("xyield-package-benchmark-").FullName;
var plan = new BenchmarkPlan(new BenchmarkOptions
{
    Methods = ["lgbm"],
    Tasks = [YieldTask.Regression],
    Profile = BenchmarkProfile.Quick with { Seeds = 1, Splits = "10" },
    Device = "cpu",
});
var results = new BenchmarkRunner(new BenchmarkRunnerOptions { OutputFolder = folder, Data = points }).Run(plan);
var reread = BenchmarkResults.Load(folder).Runs.SequenceEqual(results.Runs) && File.Exists(Path.Combine(folder, "report.md"));
Directory.Delete(folder, recursive: true);
Console.WriteLine($"XYield.ML.Benchmark package OK: LightGBM 10 % MSE {results.Runs[0].Metric:0.0000}, report written and read back: {reread}");
return same && reread && points.Count == 238 ? 0 : 1;
