using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using XYield.ML.Data.Simulated;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Runtime;

namespace XYield.ML.Benchmarks.Estimators;

/// <summary>
/// Scoring featurised images (cached in memory) with the default network (32/64/64, hidden 128) on the CPU: 100,000 rows
/// through ML.NET's <c>Transform</c> (batched cursors), and single rows through a <c>PredictionEngine</c>. One operation
/// = one row, so rows per second = 1 / mean. eng/measure/pytorch_scoring.py times the same network in PyTorch.
/// </summary>
/// <remarks>
/// Run: <c>dotnet bin/Release/net10.0/XYield.ML.Benchmarks.dll --filter '*ScoringBenchmarks*' --job short</c> from this
/// folder. On the project's 2-core VM, shared with other work (about one core free), Transform scored 1,800 rows/s
/// against PyTorch 1.13's 1,150–1,550 at batch 1024 and 2 threads, run one after the other (before batching: about
/// 500 rows/s); a PredictionEngine row took about 0.9 ms.
/// </remarks>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Rows = 100_000;
    private const int EngineRows = 2_000;
    private IDataView _images = null!;
    private float[][] _engineImages = [];
    private YieldCnnPredictionTransformer _transformer = null!;
    private PredictionEngine<ImageRow, ScoreRow> _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.EnsureAvailable();
        var ml = new MLContext(seed: 0);
        var raw = SimulatedDataset.CreateDataView(Rows, seed: 1);
        _images = ml.Data.Cache(ml.Transforms.FeaturizePseudoImage().Fit(raw).Transform(raw), "Image");
        _engineImages = [.. _images.GetColumn<float[]>("Image").Take(EngineRows)];
        torch.manual_seed(0);
        _transformer = new YieldCnnPredictionTransformer(new TrainedYieldModel(new YieldCnn(new YieldCnnOptions()), torch.CPU), "Image", []);
        _engine = ml.Model.CreatePredictionEngine<ImageRow, ScoreRow>(_transformer);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _transformer.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public float Transform()
    {
        var scored = _transformer.Transform(_images);
        var column = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        var get = cursor.GetGetter<float>(column);
        var (score, sum) = (0f, 0f);
        while (cursor.MoveNext())
        {
            get(ref score);
            sum += score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = EngineRows)]
    public float PredictionEngine()
    {
        var sum = 0f;
        var row = new ImageRow();
        foreach (var image in _engineImages)
        {
            row.Image = image;
            sum += _engine.Predict(row).Score;
        }

        return sum;
    }

    public sealed class ImageRow
    {
        [VectorType(324)]
        public float[] Image { get; set; } = [];
    }

    public sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}
