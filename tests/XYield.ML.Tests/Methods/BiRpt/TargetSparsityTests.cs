using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Methods.BiRpt;

/// <summary>
/// <see cref="SparsityOptions.TargetJointSparsity"/>: the control fixes how many gated weights go; which ones, where, and
/// from which mask comes from the learned scores.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TargetSparsityTests
{
    private static readonly StageOptions QuickPretraining = StageOptions.PaperPretraining with { MaxEpoch = 2, BatchSize = 32, LearningRate = 3e-3 };
    private static readonly StageOptions QuickFineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 10, LearningRate = 1e-2, StepSize = 20 };
    private static readonly TrainingOptions Cpu = new() { Seed = 3, Device = "cpu" };

    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [Test]
    public void The_ramp_is_cubic_and_holds_after_its_fraction_of_the_run()
    {
        Assert.That(TargetSparsity.Ramp(0, 90, 1.0 / 3), Is.Zero);
        Assert.That(TargetSparsity.Ramp(15, 90, 1.0 / 3), Is.EqualTo(1 - Math.Pow(0.5, 3)).Within(1e-12), "half-way up the ramp: 7/8");
        Assert.That(TargetSparsity.Ramp(30, 90, 1.0 / 3), Is.EqualTo(1));
        Assert.That(TargetSparsity.Ramp(89, 90, 1.0 / 3), Is.EqualTo(1));
    }

    [Test]
    public void The_cut_removes_the_smallest_joint_scores_from_the_weaker_mask()
    {
        using var scope = NewDisposeScope();
        // Joint scores |m_s · m_t|: 0.1·1 = 0.1, 1·0.2 = 0.2, 0.9·0.9 = 0.81 | 1·1 = 1, 0.5·0.5 = 0.25, 0 (already cut).
        var source = new[] { tensor(new[] { 0.1, 1, 0.9 }), tensor(new[] { 1.0, 0.5, 0.7 }) };
        var transfer = new[] { tensor(new[] { 1.0, 0.2, 0.9 }), tensor(new[] { 1.0, 0.5, 0.0 }) };

        TargetSparsity.Cut(source, transfer, 0.5);   // 3 of 6: the zero, 0.1 and 0.2

        Assert.That(source[0].data<double>().ToArray(), Is.EqualTo(new[] { 0, 1, 0.9 }), "0.1 < 1: m_s drops the first");
        Assert.That(transfer[0].data<double>().ToArray(), Is.EqualTo(new[] { 1, 0, 0.9 }), "0.2 < 1: m_t drops the second");
        Assert.That(source[1].data<double>().ToArray(), Is.EqualTo(new[] { 1, 0.5, 0.7 }), "the 0.25 entry survives");
        Assert.That(transfer[1].data<double>().ToArray(), Is.EqualTo(new[] { 1, 0.5, 0 }));
    }

    [Test]
    public void The_cut_can_rank_by_another_importance_and_still_drops_the_weaker_score()
    {
        using var scope = NewDisposeScope();
        var source = new[] { tensor(new[] { 0.1, 1, 0.9 }) };
        var transfer = new[] { tensor(new[] { 1.0, 0.2, 0.9 }) };
        var weights = new[] { tensor(new[] { 5.0, 4, 0.01 }) };   // the third weight is the smallest as the network uses it

        TargetSparsity.Cut(source, transfer, 0.34, weights);   // 1 of 3

        Assert.That(source[0].data<double>().ToArray(), Is.EqualTo(new[] { 0.1, 1, 0 }), "a tie: m_s drops it");
        Assert.That(transfer[0].data<double>().ToArray(), Is.EqualTo(new[] { 1, 0.2, 0.9 }));
    }

    [Test]
    public void A_Bi_RPT_run_reaches_the_target_on_the_gated_layers_and_lays_it_out_by_learned_scores()
    {
        using var pretrained = TrainingEngine.Pretrain(Set(Source(300, seed: 1)), SmallNetwork, QuickPretraining, Cpu);
        var stage = QuickFineTuning with { MaxEpoch = 6, BatchSize = 4 };
        var sparsity = new SparsityOptions { TargetJointSparsity = 0.3, UpperLearningRate = 1e-2 };
        using var model = TrainingEngine.BiRpt(pretrained, Set(Source(300, seed: 6)), Set(Target(16, seed: 2)), stage, sparsity, Cpu);
        using var dense = TrainingEngine.BiRpt(pretrained, Set(Source(300, seed: 6)), Set(Target(16, seed: 2)), stage, sparsity with { TargetJointSparsity = 0 }, Cpu);
        using var none = TrainingEngine.BiRpt(pretrained, Set(Source(300, seed: 6)), Set(Target(16, seed: 2)), stage, sparsity with { TargetJointSparsity = null }, Cpu);
        TestContext.Out.WriteLine(model.Sparsity.ToString());

        var convolutions = model.Sparsity.Layers.Where(l => l.Layer.StartsWith("conv", StringComparison.Ordinal)).ToArray();
        var removed = convolutions.Sum(l => l.Joint * l.WeightCount) / convolutions.Sum(l => l.WeightCount);
        Assert.That(removed, Is.EqualTo(0.3).Within(0.005), "the gated layers (the convolutions) lose the target fraction");
        Assert.That(convolutions.Select(l => Math.Round(l.Joint, 3)).Distinct().Count(), Is.GreaterThan(1), "spread over layers by the scores, not uniformly");
        Assert.That(convolutions.Sum(l => l.Source * l.WeightCount), Is.GreaterThan(0), "m_s drops some");
        Assert.That(convolutions.Sum(l => l.Transfer * l.WeightCount), Is.GreaterThan(0), "m_t drops some");
        var test = Target(20, seed: 9).Images;
        Assert.That(dense.Predict(test), Is.EqualTo(none.Predict(test)), "a target of 0 cuts nothing");
        Assert.That(model.Predict(test), Is.Not.EqualTo(none.Predict(test)));
    }

    [Test]
    public void With_mask_momentum_the_run_still_ends_at_the_target()
    {
        // With momentum the stepper recounts every step instead of trusting the last cut's count (a velocity could move a
        // zeroed score); the run must still end at the target.
        using var pretrained = TrainingEngine.Pretrain(Set(Source(300, seed: 1)), SmallNetwork, QuickPretraining, Cpu);
        var stage = QuickFineTuning with { MaxEpoch = 6, BatchSize = 4 };
        var sparsity = new SparsityOptions { TargetJointSparsity = 0.3, UpperLearningRate = 1e-2, MaskMomentum = 0.9 };

        using var model = TrainingEngine.BiRpt(pretrained, Set(Source(300, seed: 6)), Set(Target(16, seed: 2)), stage, sparsity, Cpu);

        var convolutions = model.Sparsity.Layers.Where(l => l.Layer.StartsWith("conv", StringComparison.Ordinal)).ToArray();
        Assert.That(convolutions.Sum(l => l.Joint * l.WeightCount) / convolutions.Sum(l => l.WeightCount), Is.EqualTo(0.3).Within(0.005));
    }

    [Test]
    public void A_bad_target_is_refused_by_name()
    {
        Assert.That(() => new SparsityOptions { TargetJointSparsity = 1 }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith("TargetJointSparsity must be a fraction in [0, 1)"));
        Assert.That(() => new SparsityOptions { TargetSparsityRamp = 0 }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith("TargetSparsityRamp must be a fraction in (0, 1]"));
    }
}
