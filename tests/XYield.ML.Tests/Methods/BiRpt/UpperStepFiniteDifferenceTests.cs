using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Methods.BiRpt;

/// <summary>
/// The m_s update of one Bi-RPT step (a lower step, then the upper step's target gradient at the weights after it plus Eq. 10's
/// term) against a central finite difference, along a random direction, of the bi-level objective
/// F(m_s) = L_t(θ − λ_l ∇θL_s(θ, m_s), m_s, m_t), in double precision.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class UpperStepFiniteDifferenceTests
{
    private const double Epsilon = 0.1;

    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [TestCase(BiRptGatedLayers.All, 0.05)]
    [TestCase(BiRptGatedLayers.All, 1e-3)]
    [TestCase(BiRptGatedLayers.Convolutions, 0.05)]
    public void The_m_s_update_is_the_gradient_of_the_bilevel_objective(BiRptGatedLayers gated, double lowerRate)
    {
        torch.manual_seed(11);
        using var scope = NewDisposeScope();
        using var network = new YieldCnn(SmallNetwork);
        network.to(float64);
        network.train();
        var sparsity = new SparsityOptions { GatedLayers = gated, Gamma = 0, MaskLearningRate = 1 };
        using var stepper = new BiRptStepper(network, sparsity);
        var (source, sourceLabels) = Batch(Source(16, seed: 1));
        var (target, targetLabels) = Batch(Target(4, seed: 2));
        var parameters = network.parameters().ToArray();
        var theta = parameters.Select(p => p.detach().clone()).ToArray();
        var sourceScores = stepper.SourceScores;
        var transferScores = stepper.TransferScores;
        // Moves the scores off their common start so that every entry's gradient differs.
        using (no_grad())
        {
            foreach (var score in sourceScores.Values.Concat(transferScores.Values))
            {
                score.add_(torch.rand_like(score).mul_(0.5));
            }
        }

        var ms = Snapshot(sourceScores);
        var mt = Snapshot(transferScores);
        var rates = new BiRptStepRates(Upper: 1e-3, Lower: lowerRate, HyperGradientScale: lowerRate, Mask: 1, Threshold: 0);

        // F(m_s): restore θ and m_t, set m_s, take the lower step from θ, evaluate the target loss.
        double Objective(IReadOnlyDictionary<string, Tensor> sourceMask)
        {
            Restore(parameters, theta, sourceScores, sourceMask, transferScores, mt);
            stepper.LowerStep(source, sourceLabels, Epsilon, lowerRate);
            using var inner = NewDisposeScope();
            return stepper.UpperLoss(target, targetLabels, Epsilon).item<double>();
        }

        // The step's m_s gradient with or without Eq. 10's term: (m_s before − m_s after) / λ_m with λ_m = 1, τ = 0.
        Dictionary<string, Tensor> StepGradient(bool withHyperGradient)
        {
            Restore(parameters, theta, sourceScores, ms, transferScores, mt);
            stepper.LowerStep(source, sourceLabels, Epsilon, lowerRate);
            using (var inner = NewDisposeScope())
            {
                var loss = stepper.UpperLoss(target, targetLabels, Epsilon);
                stepper.UpperUpdate(loss, withHyperGradient ? source : null, withHyperGradient ? sourceLabels : null, Epsilon, rates);
            }

            return ms.ToDictionary(p => p.Key, p => p.Value - sourceScores[p.Key]);
        }

        var full = StepGradient(withHyperGradient: true);
        var direct = StepGradient(withHyperGradient: false);
        var direction = ms.ToDictionary(p => p.Key, p => torch.randn_like(p.Value));
        const double h = 1e-5;
        var finiteDifference = (Objective(Shifted(ms, direction, h)) - Objective(Shifted(ms, direction, -h))) / (2 * h);
        double Along(Dictionary<string, Tensor> gradient) => gradient.Sum(p => (p.Value * direction[p.Key]).sum().item<double>());

        var fullError = Math.Abs(Along(full) - finiteDifference);
        var directError = Math.Abs(Along(direct) - finiteDifference);
        TestContext.Out.WriteLine($"finite difference {finiteDifference:G6}, step with Eq. 10 {Along(full):G6}, without {Along(direct):G6}");
        Assert.That(directError, Is.GreaterThan(1e-3 * Math.Abs(finiteDifference)), "the check can fail: the target gradient alone is not the bi-level gradient");
        Assert.That(fullError, Is.LessThan(1e-4 * directError), "Eq. 10's term, taken at the weights before the lower step, closes the gap to the bi-level gradient");
        Assert.That(sourceScores.Keys, Is.EquivalentTo(gated == BiRptGatedLayers.All ? network.PrunableLayers.Select(l => l.Name) : ["conv1", "conv2", "conv3"]));
    }

    private static (Tensor Images, Tensor Labels) Batch((float[] Images, float[] Labels) data)
    {
        var rows = data.Labels.Length;
        return (torch.tensor(data.Images, [rows, 2, 9, 18]).to(float64), torch.tensor(data.Labels, [rows, 1]).to(float64));
    }

    private static Dictionary<string, Tensor> Snapshot(IReadOnlyDictionary<string, Tensor> scores) =>
        scores.ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static Dictionary<string, Tensor> Shifted(Dictionary<string, Tensor> scores, Dictionary<string, Tensor> direction, double h) =>
        scores.ToDictionary(p => p.Key, p => p.Value + (direction[p.Key] * h));

    private static void Restore(
        Tensor[] parameters, Tensor[] theta, IReadOnlyDictionary<string, Tensor> sourceScores, IReadOnlyDictionary<string, Tensor> ms,
        IReadOnlyDictionary<string, Tensor> transferScores, Dictionary<string, Tensor> mt)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].copy_(theta[i]);
        }

        foreach (var (name, score) in sourceScores)
        {
            score.copy_(ms[name]);
            transferScores[name].copy_(mt[name]);
        }
    }
}
