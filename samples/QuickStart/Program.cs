// QuickStart: checks the TorchSharp backend and finds the experimental data file.
// Later samples in this folder grow into a full featurise-train-predict pipeline.
using XYield.ML.Data;
using XYield.ML.Runtime;

TorchBackend.EnsureAvailable();
Console.WriteLine($"TorchSharp {TorchBackend.TorchSharpVersion}, libtorch {TorchBackend.LibTorchVersion}, CUDA: {TorchBackend.IsCudaAvailable}");

var data = ExperimentalDataLocator.Locate(args.FirstOrDefault());
Console.WriteLine($"Experimental data: {data.Path} (found via {data.Source})");

// Expected output (paths differ):
// TorchSharp 0.107.0, libtorch 2.10.0.0, CUDA: False
// Experimental data: /work/shared/data/MPEA_dataset.csv (found via repository)
