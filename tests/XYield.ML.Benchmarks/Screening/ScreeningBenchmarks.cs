using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using XYield.ML.Estimators;
using XYield.ML.Screening;
using XYield.ML.Training;

namespace XYield.ML.Benchmarks.Screening;

/// <summary>
/// The screening pipeline on the default network (CPU): enumerate + featurise + score + top-k, one operation = one
/// candidate. The space: every 4-element alloy of seven refractory elements in 5 at.% steps at 1500 K (33,915
/// candidates). <c>EnumerateOnly</c> walks the same space without scoring, so the network's share is the difference.
/// The weights come from one short epoch: throughput does not depend on their values.
/// </summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private static readonly CandidateSpace Space = new()
    {
        Elements = ["Cr", "Mo", "Nb", "Ta", "Ti", "V", "W"],
        MinElements = 4,
        MaxElements = 4,
        Temperatures = [1500],
    };

    private ITransformer _model = null!;
    private YieldScreener _screener = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 0);
        var rows = Enumerable.Range(0, 32).Select(i => new Row { Formula = i % 2 == 0 ? "MoNbTaW" : "NbTaTiV", Temperature = 300 + (50 * i), YieldStrength = 1 });
        var data = ml.Data.LoadFromEnumerable(rows);
        _model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(new YieldCnnTrainerOptions
        {
            LabelColumnName = "YieldStrength",
            FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 1 },
            Device = "cpu",
        })).Fit(data);
        _screener = new YieldScreener([_model]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _screener.Dispose();
        (_model as IDisposable)?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 33_915)]
    public long EnumerateOnly() => Space.Alloys().LongCount();

    [Benchmark(OperationsPerInvoke = 33_915)]
    public double ScreenTop20() => _screener.Screen(Space, new ScreeningOptions { Top = 20 }).Candidates[0].Mean;

    private sealed class Row
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }
}
