using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Methods.BiRpt;

/// <summary>
/// <see cref="SparsityOptions.ShrinkBudget"/>: the same budget removes the same fraction of a score no gradient holds up,
/// whatever the run's length, in both threshold forms; and a Bi-RPT run spends it.
/// </summary>
[TestFixture]
public sealed class ShrinkBudgetTests
{
    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [TestCase(ProximalThresholdForm.Uniform, 0.25, 1.0)]
    [TestCase(ProximalThresholdForm.Uniform, 0.5, 2.0)]
    [TestCase(ProximalThresholdForm.PartnerScaled, 0.25, 1.0)]
    [TestCase(ProximalThresholdForm.PartnerScaled, 0.6, 1.0)]
    [TestCase(ProximalThresholdForm.PartnerScaled, 0.5, 2.0)]
    public void An_unsupported_score_loses_the_budgeted_fraction_over_any_number_of_steps(ProximalThresholdForm form, double budget, double initial)
    {
        foreach (var steps in new[] { 90, 630, 2_700 })
        {
            using var scope = NewDisposeScope();
            var source = torch.full(3, initial, float64);
            var transfer = torch.full(3, initial, float64);
            var threshold = ProximalThreshold.PerStepThreshold(form, budget, initial, steps);
            for (var n = 0; n < steps; n++)
            {
                ProximalThreshold.ApplyToBoth(source, transfer, threshold, form);
            }

            // The partner-scaled recursion m ← m − τ/m follows m² − 2τn to within about τ/m per step: 1 % at 90 steps.
            Assert.That(source[0].item<double>(), Is.EqualTo(initial * (1 - budget)).Within(initial * 0.01), $"{steps} steps");
            Assert.That(transfer[0].item<double>(), Is.EqualTo(source[0].item<double>()), "both masks alike");
        }
    }

    [TestCase(ProximalThresholdForm.Uniform)]
    [TestCase(ProximalThresholdForm.PartnerScaled)]
    public void A_budget_of_two_zeroes_an_unsupported_score_half_way(ProximalThresholdForm form)
    {
        using var scope = NewDisposeScope();
        var source = torch.ones(1, float64);
        var transfer = torch.ones(1, float64);
        var threshold = ProximalThreshold.PerStepThreshold(form, 2, 1, 1_000);
        var zeroAt = 0;
        for (var n = 1; n <= 1_000 && zeroAt == 0; n++)
        {
            ProximalThreshold.ApplyToBoth(source, transfer, threshold, form);
            zeroAt = source.item<double>() == 0 ? n : 0;
        }

        Assert.That(zeroAt, Is.InRange(490, 510));
    }

    [Test]
    public void A_bad_budget_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SparsityOptions { ShrinkBudget = -0.1 }.Validate());
        Assert.That(error!.Message, Does.StartWith("ShrinkBudget must be a finite number ≥ 0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparsityOptions { ShrinkBudget = double.NaN }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparsityOptions { MinimumEpsilon = 0.2 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparsityOptions { MaskMomentum = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparsityOptions { HyperGradientScale = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparsityOptions { GatedLayers = (BiRptGatedLayers)7 }.Validate());
    }

    [Test]
    public void The_stage_derives_its_threshold_from_the_budget_and_floors_epsilon()
    {
        torch.manual_seed(0);
        using var network = new XYield.ML.Models.YieldCnn(SmallNetwork);
        var stage = StageOptions.PaperFineTuning with { MaxEpoch = 30, StepSize = 10 };
        var fit = new FitSettings(SmallNetwork, stage, new TrainingOptions(), OnTarget: true, CPU);
        var sparsity = new SparsityOptions { ShrinkBudget = 0.5, MinimumEpsilon = 0.01, MaskLearningRateFollowsSchedule = true };
        using var biLevel = new BiRptStage(network, Set(Source(16, seed: 1)), Set(Target(20, seed: 2)), fit, sparsity);

        biLevel.BeginEpoch(0);
        var first = biLevel.Rates;
        Assert.That(biLevel.Epsilon, Is.EqualTo(0.1), "above the floor");
        biLevel.BeginEpoch(25);

        Assert.That(biLevel.StepsPerEpoch, Is.EqualTo(5), "20 target rows in batches of 4");
        Assert.That(first.Threshold, Is.EqualTo(ProximalThreshold.PerStepThreshold(ProximalThresholdForm.PartnerScaled, 0.5, 1, 30 * 5)));
        Assert.That(biLevel.Rates.Threshold, Is.EqualTo(first.Threshold), "a budget is spent evenly, whatever the mask schedule");
        Assert.That(biLevel.Rates.Mask, Is.EqualTo(3.5 * 0.01).Within(1e-12), "λ_m follows the schedule when asked");
        Assert.That(biLevel.Epsilon, Is.EqualTo(0.01), "0.1 · 0.9^25 ≈ 7.2e-3 is floored");
    }
}
