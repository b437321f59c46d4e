using BenchmarkDotNet.Attributes;
using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
using XYield.ML.Physics;

namespace XYield.ML.Benchmarks.Physics;

/// <summary>Simulator throughput: one operation = one (composition, temperature) point.</summary>
[MemoryDiagnoser]
public class MarescaCurtinBenchmarks
{
    private const int Compositions = 1000;
    private const int Points = Compositions * 23;

    private readonly MarescaCurtinModel _model = new();
    private readonly double[] _temperatures = SimulatedGrid.Temperatures.ToArray();
    private readonly double[] _sigma = new double[Points];
    private double[] _compositions = [];
    private double[] _rows = [];
    private double[] _rowTemperatures = [];

    [GlobalSetup]
    public void Setup()
    {
        var sampler = new SimulatedGridSampler(1);
        _compositions = new double[Compositions * Palette.Count];
        for (var i = 0; i < Compositions; i++)
        {
            sampler.Next(_compositions.AsSpan(i * Palette.Count, Palette.Count));
        }

        // Row-major batch: every composition at every temperature, one row per point.
        _rows = new double[Points * Palette.Count];
        _rowTemperatures = new double[Points];
        for (var p = 0; p < Points; p++)
        {
            _compositions.AsSpan(p / 23 * Palette.Count, Palette.Count).CopyTo(_rows.AsSpan(p * Palette.Count));
            _rowTemperatures[p] = _temperatures[p % 23];
        }
    }

    /// <summary>Alloy parameters once per composition, then the 23 temperatures (the grid path).</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double PerCompositionThenTemperatures()
    {
        for (var i = 0; i < Compositions; i++)
        {
            var alloy = _model.ComputeAlloy(_compositions.AsSpan(i * Palette.Count, Palette.Count));
            _model.YieldStrengths(alloy, _temperatures, _sigma.AsSpan(i * 23, 23));
        }

        return _sigma[^1];
    }

    /// <summary>The row-major batch API: alloy parameters recomputed for every point.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double RowMajorBatch()
    {
        _model.YieldStrengths(_rows, _rowTemperatures, _sigma);
        return _sigma[^1];
    }
}
