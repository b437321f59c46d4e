// The throwaway consumer of eng/check-package.sh: uses the packed XYield.ML as an application would.
using TorchSharp;
using XYield.ML.Data;
using XYield.ML.Runtime;

TorchBackend.EnsureAvailable();
using var x = torch.ones(2, 3);
var sum = x.sum().item<float>();
var data = ExperimentalDataLocator.Locate();

Console.WriteLine($"XYield.ML package OK: libtorch {TorchBackend.LibTorchVersion}, sum {sum}, data {Path.GetFileName(data.Path)}");
return sum == 6f ? 0 : 1;
