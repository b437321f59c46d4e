using BenchmarkDotNet.Attributes;
using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Benchmarks.Sparsity;

/// <summary>
/// One fine-tuning step of the default network (widths 32/64/64, hidden 128) on a target batch of 4, as in the paper:
/// a dense SGD step against a Bi-RPT step with the lower level every step (the defaults LowerLevelInterval = 1,
/// UnrollSteps = 1): lower-level source step, gated upper-level step, Eq. 10 hyper-gradient by double back-propagation,
/// proximal threshold; and its two weight steps alone. Issue 6's target: Bi-RPT at most 3× the dense step.
/// Allocated counts managed memory only.
/// </summary>
[MemoryDiagnoser]
public class BiRptStepBenchmarks
{
    private YieldCnn? _network;
    private optim.Optimizer? _sgd;
    private BiRptStepper? _stepper;
    private Tensor? _targetImages, _targetLabels, _sourceImages, _sourceLabels;

    /// <summary>libtorch intra-op threads for both steps alike (0 keeps libtorch's default): batches of 4 are too small to split well.</summary>
    [Params(0, 1)]
    public int Threads { get; set; }

    /// <summary>
    /// Whether XYield.ML's malloc settings apply (the default; NativeAllocator): without them glibc hands every
    /// weight-sized temporary fresh pages, and faulting them in dominates a Bi-RPT step.
    /// </summary>
    [Params(true, false)]
    public bool MallocTuning { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Each parameter combination runs in its own process, so the opt-out is read fresh when the backend loads.
        Environment.SetEnvironmentVariable(NativeAllocator.OptOutVariable, MallocTuning ? null : "0");
        TorchBackend.EnsureAvailable();
        if (TorchBackend.RetainsFreedNativeMemory != (MallocTuning && OperatingSystem.IsLinux()))
        {
            throw new InvalidOperationException($"The malloc settings did not follow MallocTuning = {MallocTuning}.");
        }

        if (Threads > 0)
        {
            torch.set_num_threads(Threads);
        }

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

    /// <summary>The lower-level source step alone (part of <see cref="BiRptStep"/>).</summary>
    [Benchmark]
    public void LowerStepOnly() => _stepper!.LowerStep(_sourceImages!, _sourceLabels!, 0.1);

    /// <summary>The gated upper-level step without Eq. 10's term (part of <see cref="BiRptStep"/>).</summary>
    [Benchmark]
    public float UpperStepWithoutHyperGradient() => _stepper!.UpperStep(_targetImages!, _targetLabels!, null, null, 0.1, 1e-3);

    [Benchmark]
    public float BiRptStep()
    {
        _stepper!.LowerStep(_sourceImages!, _sourceLabels!, 0.1);
        var loss = _stepper.UpperStep(_targetImages!, _targetLabels!, _sourceImages, _sourceLabels, 0.1, 1e-3);
        // A non-finite loss returns before the backward passes: a diverged run would time a much shorter step.
        return float.IsFinite(loss) ? loss : throw new InvalidOperationException($"The Bi-RPT loss became {loss}; the timing would not be of a full step.");
    }
}
