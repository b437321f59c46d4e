// Choosing the device: ask for a GPU with Device = "cuda"; without one, Fit fails at once with a
// DeviceUnavailableException that says why, unless AllowCpuFallback turns that into a logged warning and trains on the
// CPU. Run on a machine without a GPU, this shows both.
// Run: dotnet run gpu-with-cpu-fallback.cs   (a .NET 10 file-based app: no project file)
//
// A real GPU needs a CUDA build of libtorch: reference TorchSharp-cuda-linux (or TorchSharp-cuda-windows) instead of
// TorchSharp-cpu, same version, on a machine with an NVIDIA driver:
//   #:package TorchSharp-cuda-linux@0.107.0
// With only TorchSharp-cpu, CUDA is never available, whatever the hardware.
#:package XYield.ML@0.1.0
#:package TorchSharp-cpu@0.107.0
#:property PublishAot=false
#:property InvariantGlobalization=true

using Microsoft.ML;
using XYield.ML;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Splits;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;

var ml = new MLContext(seed: 0);
var split = ExperimentalSplits.FewShot(ExperimentalDataSet.Load(), 0.10, seed: 0);   // 25 train / 213 test
var train = split.Train.ToDataView(ml);
var test = split.Test.ToDataView(ml);
Console.WriteLine($"libtorch {TorchBackend.LibTorchVersion}, CUDA available: {TorchSharp.torch.cuda.is_available()}");

var device = "";
YieldCnnTrainerOptions Options(bool allowCpuFallback) => new()
{
    LabelColumnName = "YieldStrength",
    Network = new YieldCnnOptions { ConvolutionWidths = [8, 16, 16], HiddenWidth = 32 },
    FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 20, LearningRate = 1e-2 },   // no pre-training: seconds
    Device = "cuda",   // or "cuda:1"; "auto" takes CUDA when there is one and the CPU otherwise, without a warning
    AllowCpuFallback = allowCpuFallback,
    CpuThreads = 1,    // used only on the CPU: a network this small gains nothing from a second thread
    Log = line => { if (line.Contains("device", StringComparison.OrdinalIgnoreCase)) { Console.WriteLine($"  log: {line}"); } },   // the device lines
    Progress = new Reporter<TrainingProgress>(p => device = p.Device),   // where the steps actually ran
};

// 1. A GPU or nothing: the exception comes before any training, so a job never runs for hours on the wrong device.
try
{
    using var failed = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(Options(allowCpuFallback: false))).Fit(train);
    Console.WriteLine("trained on the GPU");
}
catch (DeviceUnavailableException e)
{
    Console.WriteLine($"{e.GetType().Name}: {e.Message}");
}

// 2. A GPU if there is one, else the CPU with a warning.
using var model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(Options(allowCpuFallback: true))).Fit(train);
var metrics = ml.Regression.Evaluate(model.Transform(test), labelColumnName: "YieldStrength");
Console.WriteLine($"trained on {device}: test MSE {metrics.MeanSquaredError:0.0000} GPa²");

// Reports on the training thread, as it happens (System.Progress<T> would post to the thread pool, possibly too late).
sealed class Reporter<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

// Output, and the time it took in eng/check-package.sh on a shared 2-core CPU: 10 s wall clock, build included.
// libtorch 2.10.0.0, CUDA available: False
//   log: YieldCnn: No Pretraining (CNN), Regression, 25 target rows, seed 0, device cuda.
// DeviceUnavailableException: Device 'cuda' was requested but CUDA is not available (reference a TorchSharp-cuda-* backend and run on a machine with an NVIDIA GPU). Use Device = "auto" or "cpu", or allow the CPU fallback.
//   log: YieldCnn: No Pretraining (CNN), Regression, 25 target rows, seed 0, device cuda.
//   log: Warning: device 'cuda' was requested but CUDA is not available (reference a TorchSharp-cuda-* backend and run on a machine with an NVIDIA GPU); falling back to the CPU.
// trained on cpu: test MSE 0.0885 GPa²
