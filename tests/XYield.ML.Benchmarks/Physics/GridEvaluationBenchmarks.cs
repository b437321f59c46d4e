using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using XYield.ML.Data.Simulated;
using XYield.ML.Physics;

namespace XYield.ML.Benchmarks.Physics;

/// <summary>
/// The full-grid evaluation path on grid B, one order at a time (points per order: 3 → 19.5 M, 4 → 1.34 G, 5 → 113 M,
/// 6 → 565 M, 7 → 1.75 G). Each invocation is a single pass (cold, like a real run); points/s = points / mean time.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class GridEvaluationBenchmarks
{
    private readonly MarescaCurtinModel _model = new();

    [Params(3, 5, 6)]
    public int Order { get; set; }

    [Params(1, -1)]
    public int Threads { get; set; }

    [Benchmark]
    public long EvaluateOrder() =>
        SimulatedGridEvaluator.Evaluate(_model, orders: [Order], maxDegreeOfParallelism: Threads).Points;
}

/// <summary>The whole of grid B (3,786,764,091 points) once, on all cores: the "under 3 minutes" target.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class FullGridBenchmarks
{
    private readonly MarescaCurtinModel _model = new();

    [Benchmark]
    public long EvaluateWholeGridB() => SimulatedGridEvaluator.Evaluate(_model).Points;
}
