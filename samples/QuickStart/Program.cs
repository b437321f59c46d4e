// QuickStart: featurise a few alloys into the X-Yield periodic-table pseudo-images with an ML.NET pipeline.
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML;
using XYield.ML.Data.Experimental;
using XYield.ML.Runtime;

TorchBackend.EnsureAvailable();
Console.WriteLine($"TorchSharp {TorchBackend.TorchSharpVersion}, libtorch {TorchBackend.LibTorchVersion}, CUDA: {TorchBackend.IsCudaAvailable}");

var ml = new MLContext(seed: 0);
var alloys = ml.Data.LoadFromEnumerable(new[]
{
    new Alloy { Formula = "MoNbTaTiW", Temperature = 1273.15f },
    new Alloy { Formula = "Mo25Nb25Ta25Zr25", Temperature = 298.15f },
    new Alloy { Formula = "Al0.5CrNbTi", Temperature = 873.15f },
});

// Formula → palette fractions → 2 × 9 × 18 pseudo-image (RPTR layout, seed 0, as in the paper).
var pipeline = ml.Transforms.FeaturizeComposition()
    .Append(ml.Transforms.FeaturizePseudoImage());
var images = pipeline.Fit(alloys).Transform(alloys);

var type = (VectorDataViewType)images.Schema["Image"].Type;
Console.WriteLine($"Image column: {type.ItemType} [{string.Join(" x ", type.Dimensions)}]");
foreach (var (formula, image) in images.GetColumn<string>("Formula").Zip(images.GetColumn<float[]>("Image")))
{
    Console.WriteLine($"{formula,-18} non-zero fraction cells: {image[..162].Count(v => v > 0)}, T_norm: {image[162]:0.###}");
}

var data = ExperimentalDataSet.Load(args.FirstOrDefault());
Console.WriteLine($"Experimental set: {data.Count} points");

// Expected output:
// TorchSharp 0.107.0, libtorch 2.10.0.0, CUDA: False
// Image column: Single [2 x 9 x 18]
// MoNbTaTiW          non-zero fraction cells: 5, T_norm: 0.5
// Mo25Nb25Ta25Zr25   non-zero fraction cells: 4, T_norm: 0.013
// Al0.5CrNbTi        non-zero fraction cells: 4, T_norm: 0.3
// Experimental set: 238 points

internal sealed class Alloy
{
    public string Formula { get; set; } = "";

    public float Temperature { get; set; }
}
