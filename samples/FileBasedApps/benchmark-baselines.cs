// The X-Yield benchmark through the XYield.ML.Benchmark API, classical baselines only (no CNN, so it runs in seconds):
// the Maresca–Curtin simulation itself, a random forest with the simulation as a feature, and LightGBM, on the quick
// profile's 5 % and 10 % few-shot splits with two seeds. Prints Table 2 (test MSE, mean ± 95 % interval over seeds).
// Run: dotnet run benchmark-baselines.cs   (a .NET 10 file-based app: no project file)
#:package XYield.ML@0.1.0
#:package XYield.ML.Benchmark@0.1.0
#:package TorchSharp-cpu@0.107.0
#:property PublishAot=false
#:property InvariantGlobalization=true

using System.Globalization;
using XYield.ML.Benchmark;
using XYield.ML.Models;

var plan = new BenchmarkPlan(new BenchmarkOptions
{
    Methods = ["mc", "forest+mc", "lgbm"],   // BenchmarkMethods.Names lists all; adding "pt" etc. adds the CNN methods
    Tasks = [YieldTask.Regression],            // Table 2; YieldTask.Classification gives Table 11
    Profile = BenchmarkProfile.Quick with { Seeds = 2 },   // splits 5 % and 10 %
    Device = "cpu",
});
Console.WriteLine($"{plan.Runs.Count} runs");

// OutputFolder = null keeps the results in memory; a folder gets results.json (resumed by a rerun) and report.md.
var runner = new BenchmarkRunner(new BenchmarkRunnerOptions { OutputFolder = null });
var results = runner.Run(plan, new Reporter<BenchmarkProgress>(p =>
{
    if (p is { Kind: BenchmarkProgressKind.RunCompleted, Result: { } run })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Run}: MSE {run.Metric:0.0000} GPa²"));
    }
}));

Console.WriteLine();
Console.WriteLine($"Table 2: test MSE (GPa²), mean ± 95 % interval over {plan.Seeds.Count} seeds");
Console.WriteLine($"{"method",-28}" + string.Join("", plan.Splits.Select(s => $"{s.Label,18}")));
foreach (var row in results.MetricTable(YieldTask.Regression))
{
    Console.WriteLine($"{BenchmarkMethods.DisplayName(row.Method),-28}" + string.Join("", plan.Splits.Select(s => $"{row.BySplit[s.Name].ToString("0.0000"),18}")));
}

// Reports on the runner's thread, in order (System.Progress<T> would post to the thread pool, possibly after the table).
sealed class Reporter<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

// Output, and the time it took in eng/check-package.sh on a shared 2-core CPU: 12 s wall clock, build included.
// 12 runs
//   mc regression 5 % seed 0: MSE 0.1727 GPa²
//   forest+mc regression 5 % seed 0: MSE 0.0809 GPa²
//   lgbm regression 5 % seed 0: MSE 0.1341 GPa²
//   mc regression 10 % seed 0: MSE 0.1775 GPa²
//   forest+mc regression 10 % seed 0: MSE 0.0780 GPa²
//   lgbm regression 10 % seed 0: MSE 0.1076 GPa²
//   mc regression 5 % seed 1: MSE 0.1620 GPa²
//   forest+mc regression 5 % seed 1: MSE 0.0918 GPa²
//   lgbm regression 5 % seed 1: MSE 0.1321 GPa²
//   mc regression 10 % seed 1: MSE 0.1638 GPa²
//   forest+mc regression 10 % seed 1: MSE 0.0686 GPa²
//   lgbm regression 10 % seed 1: MSE 0.0749 GPa²
// Table 2: test MSE (GPa²), mean ± 95 % interval over 2 seeds
// method                                     5 %              10 %
// Maresca–Curtin (simulation)    0.1674 ± 0.0677   0.1707 ± 0.0870
// Random forest + MC feature     0.0863 ± 0.0688   0.0733 ± 0.0595
// LightGBM                       0.1331 ± 0.0126   0.0912 ± 0.2072
