using BenchmarkDotNet.Attributes;
using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Benchmarks.Sparsity;

/// <summary>
/// One fine-tuning step of the default network (widths 32/64/64, hidden 128) on a target batch of 4, as in the paper, with
/// source batches of 16 (the pre-training batch, Bi-RPT's default): a dense SGD step against Bi-RPT's gated upper step alone,
/// a full Bi-RPT step with the lower level every step (the paper's setting: lower-level source step, gated upper step, Eq. 10
/// hyper-gradient by double back-propagation, proximal threshold), and the amortised step with the lower level every 10 upper
/// steps (the authors' code). Issue 15's target: at most 3× the dense step at the defaults. Allocated counts managed memory only.
/// </summary>
[MemoryDiagnoser]
public class BiRptStepBenchmarks
{
    private const int Interval = 10;
    private YieldCnn? _network;
    private optim.Optimizer? _sgd;
    private BiRptStepper? _stepper;
    private BiRptStepRates _rates;
    private Tensor? _targetImages, _targetLabels, _sourceImages, _sourceLabels;
    private long _cuts, _gatedWeights;

    /// <summary>libtorch intra-op threads for every step alike.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Which layers carry learned gates (<see cref="SparsityOptions.GatedLayers"/>).</summary>
    [Params(BiRptGatedLayers.All, BiRptGatedLayers.Convolutions)]
    public BiRptGatedLayers Gated { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.EnsureAvailable();
        torch.set_num_threads(Threads);
        torch.manual_seed(0);
        _network = new YieldCnn(new YieldCnnOptions());
        _network.train();
        _sgd = optim.SGD(_network.parameters(), 1e-3);
        var sparsity = new SparsityOptions { GatedLayers = Gated };
        _stepper = new BiRptStepper(_network, sparsity);
        _rates = BiRptStepRates.Constant(sparsity);
        _targetImages = rand([4, 2, 9, 18]);
        _targetLabels = rand([4, 1]);
        _sourceImages = rand([16, 2, 9, 18]);
        _sourceLabels = rand([16, 1]);
        _gatedWeights = _network.PrunableLayers.Where(l => Gated == BiRptGatedLayers.All || l.Name.StartsWith("conv", StringComparison.Ordinal)).Sum(l => l.Weight.numel());
        _cuts = 0;
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

    /// <summary>The gated upper-level step without a lower level or Eq. 10's term (the steps between lower levels).</summary>
    [Benchmark]
    public float UpperStepOnly() => Checked(_stepper!.UpperStep(_targetImages!, _targetLabels!, null, null, 0.1, _rates));

    /// <summary>The paper's step: the lower level and Eq. 10's term on every upper step.</summary>
    [Benchmark]
    public float EveryStep()
    {
        _stepper!.LowerStep(_sourceImages!, _sourceLabels!, 0.1, _rates.Lower);
        return Checked(_stepper.UpperStep(_targetImages!, _targetLabels!, _sourceImages, _sourceLabels, 0.1, _rates));
    }

    /// <summary>
    /// One cut of a target sparsity that has to remove one more entry (ranked by the gated weight, the default): what every
    /// upper step adds during the target's ramp, the first third of the run. After the ramp the cut returns at once.
    /// </summary>
    [Benchmark]
    public void TargetCut()
    {
        // k + ½ over n: ⌊fraction · n⌋ is exactly k, one more than the last cut. Past half the gated weights, fresh scores
        // (rare: thousands of cuts) keep every call a real cut.
        if (++_cuts > _gatedWeights / 2)
        {
            _stepper!.Dispose();
            _stepper = new BiRptStepper(_network!, new SparsityOptions { GatedLayers = Gated });
            _cuts = 1;
        }

        _stepper!.CutToJointSparsity((_cuts + 0.5) / _gatedWeights, 0.1);
    }

    /// <summary>The lower level every 10 upper steps, per upper step.</summary>
    [Benchmark(OperationsPerInvoke = Interval)]
    public float EveryTenthStep()
    {
        var loss = EveryStep();
        for (var i = 1; i < Interval; i++)
        {
            loss += UpperStepOnly();
        }

        return loss;
    }

    // A non-finite loss returns before the backward passes: a diverged run would time a much shorter step.
    private static float Checked(float loss) =>
        float.IsFinite(loss) ? loss : throw new InvalidOperationException($"The Bi-RPT loss became {loss}; the timing would not be of a full step.");
}
