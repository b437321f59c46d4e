// The throwaway consumer of eng/check-package.sh: uses the packed XYield.ML as an application would —
// featurise, train a small CNN, save with plain mlContext.Model.Save, load and compare.
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML;
using XYield.ML.Data.Experimental;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Trainers;
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
return same && points.Count == 238 ? 0 : 1;
