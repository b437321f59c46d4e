using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using XYield.ML.Data.Simulated;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Benchmarks.Trainers;

/// <summary>
/// The ML.NET side of a fit: cursoring 100,000 featurised simulated rows into the engine's training set (done once
/// per fit). Compare with one pre-training epoch (PretrainingThroughputBenchmarks) to see what the plumbing adds.
/// </summary>
[MemoryDiagnoser]
public class TrainingDataReaderBenchmarks
{
    private const int Rows = 100_000;
    private IDataView _images = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 0);
        var raw = ml.Data.Cache(SimulatedDataset.CreateDataView(Rows, seed: 1));
        _images = ml.Transforms.FeaturizePseudoImage().Fit(raw).Transform(raw);
    }

    [Benchmark]
    public int ReadIntoTrainingSet() =>
        TrainingDataReader.Read(_images, "bench", "Image", "YieldStrength", YieldTask.Regression, 5, ImageShape.PeriodicTable).Count;
}
