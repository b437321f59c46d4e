using BenchmarkDotNet.Attributes;
using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Benchmarks.Training;

/// <summary>
/// One pre-training epoch (Adam, default widths 32/64/64, hidden 128) over random 2 × 9 × 18 images, through the
/// engine and through a bare TorchSharp loop of the same network. Results are per sample (OperationsPerInvoke),
/// so samples per second = 1 / mean; one epoch on 100,000 points takes 100,000 × mean.
/// </summary>
[MemoryDiagnoser]
public class PretrainingThroughputBenchmarks
{
    private const int Samples = 4096;
    private float[] _images = [];
    private float[] _labels = [];
    private TrainingSet? _set;

    [Params(16, 256)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.EnsureAvailable();
        var random = new Random(1);
        _images = Enumerable.Range(0, Samples * ImageShape.PeriodicTable.Size).Select(_ => (float)random.NextDouble()).ToArray();
        _labels = Enumerable.Range(0, Samples).Select(_ => (float)(random.NextDouble() * 2)).ToArray();
        _set = TrainingSet.ForRegression(_images, _labels, ImageShape.PeriodicTable);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public void BareTorchSharpLoop()
    {
        torch.manual_seed(0);
        using var network = new YieldCnn(new YieldCnnOptions());
        using var optimizer = optim.Adam(network.parameters(), 1e-4);
        network.train();
        var size = ImageShape.PeriodicTable.Size;
        for (var start = 0; start < Samples; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var rows = Math.Min(BatchSize, Samples - start);
            var images = tensor(_images.AsSpan(start * size, rows * size).ToArray(), [rows, 2, 9, 18]);
            var labels = tensor(_labels.AsSpan(start, rows).ToArray(), [rows, 1]);
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(network.forward(images), labels);
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
        }
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public void Engine()
    {
        using var pretrained = TrainingEngine.Pretrain(
            _set!, stage: StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = BatchSize }, options: new TrainingOptions { Device = "cpu" });
    }
}
