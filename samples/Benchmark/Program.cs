// Benchmark: a tiny X-Yield benchmark through the XYield.ML.Benchmark API (LightGBM against Pretrain-and-transfer),
// then Table 2 from the returned results and the report in a folder.
//   dotnet run --project samples/Benchmark [output folder] [MPEA_dataset.csv or its folder]
using System.Globalization;
using XYield.ML.Benchmark;
using XYield.ML.Data.Experimental;
using XYield.ML.Models;

var output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "xyield-benchmark-sample");
var plan = new BenchmarkPlan(new BenchmarkOptions
{
    Methods = ["lgbm", "pt"],
    Tasks = [YieldTask.Regression],
    // The quick profile shrunk to seconds: 2 seeds of the 10 % split, 500 simulated points, 1 + 3 epochs.
    Profile = BenchmarkProfile.Quick with { Seeds = 2, Splits = "10", SimulatedCount = 500, PretrainingEpochs = 1, FineTuningEpochs = 3 },
    Device = "cpu",
});
var runner = new BenchmarkRunner(new BenchmarkRunnerOptions
{
    OutputFolder = output,
    Data = ExperimentalDataSet.Load(args.Length > 1 ? args[1] : null),
});

// A fresh folder every time, so the sample prints the same lines (an existing results.json would be resumed).
if (Directory.Exists(output))
{
    Directory.Delete(output, recursive: true);
}

var results = runner.Run(plan, new CompletedRuns());
Console.WriteLine("Table 2, test MSE (GPa²), 10 % split:");
foreach (var row in results.MetricTable(YieldTask.Regression))
{
    Console.WriteLine($"  {BenchmarkMethods.DisplayName(row.Method),-28} {row.BySplit["10"].ToString("0.0000")} ({row.BySplit["10"].Count} seeds)");
}

var written = File.Exists(Path.Combine(output, "report.md"));
Console.WriteLine($"report.md written: {written}; runs read back from results.json: {BenchmarkResults.Load(output).Runs.Count}");

/// <summary>One line per completed run.</summary>
internal sealed class CompletedRuns : IProgress<BenchmarkProgress>
{
    public void Report(BenchmarkProgress value)
    {
        if (value is { Kind: BenchmarkProgressKind.RunCompleted, Result: { } result })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Run}: {result.Metric:0.0000}"));
        }
    }
}

// Expected output (CPU):
// lgbm regression 10 % seed 0: 0.1076
// pt regression 10 % seed 0: 0.0865
// lgbm regression 10 % seed 1: 0.0749
// pt regression 10 % seed 1: 0.0824
// Table 2, test MSE (GPa²), 10 % split:
//   LightGBM                     0.0912 ± 0.2072 (2 seeds)
//   Pretrain-and-transfer (CNN)  0.0844 ± 0.0263 (2 seeds)
// report.md written: True; runs read back from results.json: 4
