using BenchmarkDotNet.Attributes;
using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Benchmarks.Sparsity;

/// <summary>
/// One fine-tuning step of the default network (widths 32/64/64, hidden 128) on a target batch of 4, as in the paper:
/// a dense SGD step against a Bi-RPT step (lower-level source step, gated upper-level step, Eq. 10 hyper-gradient by
/// double back-propagation, proximal threshold). Issue 6's target: Bi-RPT at most 3× the dense step.
/// </summary>
[MemoryDiagnoser]
public class BiRptStepBenchmarks
{
    private YieldCnn? _network;
    private optim.Optimizer? _sgd;
    private BiRptStepper? _stepper;
    private Tensor? _targetImages, _targetLabels, _sourceImages, _sourceLabels;

    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.EnsureAvailable();
        torch.manual_seed(0);
        _network = new YieldCnn(new YieldCnnOptions());
        _network.train();
        _sgd = optim.SGD(_network.parameters(), 1e-3);
        _stepper = new BiRptStepper(_network, new SparsityOptions());
        _targetImages = rand([4, 2, 9, 18]);
        _targetLabels = rand([4, 1]);
        _sourceImages = rand([4, 2, 9, 18]);
        _sourceLabels = rand([4, 1]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stepper?.Dispose();
        _sgd?.Dispose();
        _network?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float DenseStep()
    {
        using var scope = NewDisposeScope();
        _sgd!.zero_grad();
        var loss = nn.functional.mse_loss(_network!.forward(_targetImages!), _targetLabels!);
        loss.backward();
        _sgd.step();
        return loss.item<float>();
    }

    [Benchmark]
    public float BiRptStep()
    {
        _stepper!.LowerStep(_sourceImages!, _sourceLabels!, 0.1);
        return _stepper.UpperStep(_targetImages!, _targetLabels!, _sourceImages, _sourceLabels, 0.1, 1e-3);
    }
}
