using BenchmarkDotNet.Attributes;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;

namespace XYield.ML.Benchmarks.Physics;

/// <summary>Sampling and streaming throughput: one operation = one sampled point.</summary>
[MemoryDiagnoser]
public class SimulatedDataBenchmarks
{
    private const int Points = 100_000;
    private readonly double[] _fractions = new double[Palette.Count];

    /// <summary>The 4-step grid-B sampler alone.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double Sample()
    {
        var sampler = new SimulatedGridSampler(1);
        double sum = 0;
        for (var i = 0; i < Points; i++)
        {
            sum += sampler.Next(_fractions);
        }

        return sum;
    }

    /// <summary>An IDataView cursor reading all three columns (sampling + model + getters).</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double DataViewCursor()
    {
        var view = SimulatedDataset.CreateDataView(Points, seed: 1);
        using var cursor = view.GetRowCursor(view.Schema);
        var fractions = cursor.GetGetter<VBuffer<float>>(view.Schema[0]);
        var temperature = cursor.GetGetter<float>(view.Schema[1]);
        var strength = cursor.GetGetter<float>(view.Schema[2]);
        VBuffer<float> f = default;
        float t = 0, s = 0;
        double sum = 0;
        while (cursor.MoveNext())
        {
            fractions(ref f);
            temperature(ref t);
            strength(ref s);
            sum += s;
        }

        return sum;
    }

    /// <summary>The CSV writer to a null stream (formatting cost without disk).</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public void CsvToNullStream()
    {
        using var writer = new StreamWriter(Stream.Null);
        SimulatedCsvWriter.Write(writer, new SimulatedGridSampler(1), Points);
    }
}
