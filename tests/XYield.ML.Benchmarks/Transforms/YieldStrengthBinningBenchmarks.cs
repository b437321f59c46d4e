using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML;
using XYield.ML.Transforms;

namespace XYield.ML.Benchmarks.Transforms;

/// <summary>Reading the binned label through a cursor: the per-row cost of the shared row-mapping plumbing plus the binner.</summary>
[MemoryDiagnoser]
public class YieldStrengthBinningBenchmarks
{
    private const int Rows = 100_000;
    private IDataView _binned = null!;
    private IDataView _raw = null!;

    public sealed class Row
    {
        public float YieldStrength { get; set; }
    }

    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(1);
        var rows = Enumerable.Range(0, Rows).Select(_ => new Row { YieldStrength = (float)(random.NextDouble() * 2.5) }).ToArray();
        // A cached view, so the benchmark measures the transform and not the enumerable adapter.
        _raw = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        _ = _raw.GetColumn<float>("YieldStrength").Count();
        _binned = ml.Transforms.BinYieldStrength().Fit(_raw).Transform(_raw);
    }

    /// <summary>Baseline: read the input column only.</summary>
    [Benchmark(Baseline = true)]
    public float ReadInput()
    {
        var column = _raw.Schema["YieldStrength"];
        using var cursor = _raw.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        float value = 0, sum = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value;
        }

        return sum;
    }

    /// <summary>Read the binned key column over 100,000 rows.</summary>
    [Benchmark]
    public uint ReadBinned()
    {
        var column = _binned.Schema["Label"];
        using var cursor = _binned.GetRowCursor([column]);
        var getter = cursor.GetGetter<uint>(column);
        uint key = 0, sum = 0;
        while (cursor.MoveNext())
        {
            getter(ref key);
            sum += key;
        }

        return sum;
    }
}
