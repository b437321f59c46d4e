using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Data.Simulated;
using XYield.ML.Transforms;

namespace XYield.ML.Benchmarks.Transforms;

/// <summary>
/// Featurising 100,000 rows through an IDataView cursor: one operation = one row. <c>SourceOnly</c> reads the input
/// columns alone, so the featurizer's own cost is the difference.
/// </summary>
[MemoryDiagnoser]
public class PseudoImageBenchmarks
{
    private const int Rows = 100_000;
    private IDataView _source = null!;
    private IDataView _images = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 0);
        // The simulated set, cached in memory so the benchmark does not measure the simulator.
        _source = ml.Data.Cache(SimulatedDataset.CreateDataView(Rows, seed: 1));
        Drain(_source, "Fractions");
        _images = ml.Transforms.FeaturizePseudoImage().Fit(_source).Transform(_source);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public float SourceOnly() => Drain(_source, "Fractions");

    [Benchmark(OperationsPerInvoke = Rows)]
    public float PseudoImages() => Drain(_images, "Image");

    private static float Drain(IDataView view, string column)
    {
        var col = view.Schema[column];
        var temperature = view.Schema["Temperature"];
        using var cursor = view.GetRowCursor([col, temperature]);
        var get = cursor.GetGetter<VBuffer<float>>(col);
        VBuffer<float> value = default;
        var sum = 0f;
        while (cursor.MoveNext())
        {
            get(ref value);
            sum += value.GetValues()[^1];
        }

        return sum;
    }
}
