using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models.Masking;
using XYield.ML.Runtime;
using static TorchSharp.torch;

namespace XYield.ML.Tests.Models.Masking;

[TestFixture]
public sealed class MagnitudePruningTests
{
    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [Test]
    public void A_round_removes_the_smallest_magnitudes_of_the_kept_weights()
    {
        using var w = torch.tensor(new float[] { 0.5f, -0.1f, 0.3f, -0.9f, 0.05f, 0.7f, -0.2f, 0.6f, 0.4f, 0.8f });
        using var m = torch.ones(10);

        var pruned = MagnitudePruning.Prune([w], [m], 0.2, PruningScope.LayerWise)[0];

        Assert.That(pruned.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 0, 1, 1, 0, 1, 1, 1, 1, 1 }));
        Assert.That(m.sum().item<float>(), Is.EqualTo(10f), "inputs are not modified");
    }

    [Test]
    public void Pruned_weights_stay_pruned_even_when_their_values_grow()
    {
        using var m0 = torch.tensor(new float[] { 1, 0, 1, 1, 1 });
        using var w = torch.tensor(new float[] { 0.2f, 100f, 0.1f, 0.3f, 0.4f });

        var m1 = MagnitudePruning.Prune([w], [m0], 0.25, PruningScope.LayerWise)[0];

        Assert.That(m1.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 0, 0, 1, 1 }));
    }

    [Test]
    public void Ties_break_by_position_so_counts_are_exact()
    {
        using var w = torch.ones(7);
        using var m = torch.ones(7);

        var pruned = MagnitudePruning.Prune([w], [m], 0.3, PruningScope.LayerWise)[0];

        Assert.That(pruned.data<float>().ToArray(), Is.EqualTo(new float[] { 0, 0, 1, 1, 1, 1, 1 }), "round(0.3 × 7) = 2, lowest positions first");
    }

    [Test]
    public void Three_rounds_of_20_percent_keep_the_documented_count_per_layer()
    {
        torch.manual_seed(1);
        using var w1 = torch.randn(32, 2, 3, 3);
        using var w2 = torch.randn(128, 100);
        IReadOnlyList<Tensor> masks = [torch.ones_like(w1), torch.ones_like(w2)];

        for (var round = 0; round < 3; round++)
        {
            masks = MagnitudePruning.Prune([w1, w2], masks, 0.2, PruningScope.LayerWise);
        }

        foreach (var (mask, n) in masks.Zip(new long[] { w1.numel(), w2.numel() }))
        {
            var expected = n;
            for (var round = 0; round < 3; round++)
            {
                expected -= MagnitudePruning.CountToPrune(expected, 0.2);
            }

            Assert.That(mask.sum().item<float>(), Is.EqualTo((float)expected));
            Assert.That(expected / (double)n, Is.EqualTo(0.512).Within(0.002), "0.8³ of the weights survive");
        }
    }

    [Test]
    public void Global_scope_ranks_all_layers_together()
    {
        using var small = torch.full(10, 0.01f);
        using var large = torch.full(10, 5f);

        var masks = MagnitudePruning.Prune([small, large], [torch.ones(10), torch.ones(10)], 0.5, PruningScope.Global);

        Assert.That(masks[0].sum().item<float>(), Is.EqualTo(0f), "the small layer goes first");
        Assert.That(masks[1].sum().item<float>(), Is.EqualTo(10f));
    }

    [Test]
    public void Bad_arguments_are_named()
    {
        using var w = torch.ones(4);

        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudePruning.Prune([w], [torch.ones(4)], 1.0, PruningScope.LayerWise));
        var e = Assert.Throws<ArgumentException>(() => MagnitudePruning.Prune([w], [torch.ones(5)], 0.2, PruningScope.LayerWise));
        Assert.That(e!.Message, Does.Contain("[4]").And.Contain("[5]"));
    }

    [Test]
    public void Gate_polarises_as_epsilon_decays()
    {
        using var x = torch.tensor(new[] { 0.0, 0.01, 1.0 });

        using var wide = Gate.Apply(x, 0.1);
        using var narrow = Gate.Apply(x, 1e-6);

        Assert.That(wide.data<double>().ToArray(), Is.EqualTo(new[] { 0, 1e-4 / (1e-4 + 0.1), 1 / 1.1 }).Within(1e-12));
        Assert.That(narrow.data<double>()[2], Is.GreaterThan(0.999999));
        Assert.That(Gate.Epsilon(2), Is.EqualTo(0.1 * 0.81).Within(1e-15));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gate.Apply(x, 0));
    }
}

[TestFixture]
public sealed class ProximalThresholdTests
{
    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [Test]
    public void Soft_threshold_scales_with_the_partner_mask()
    {
        using var scores = torch.tensor(new[] { 0.5, -0.5, 0.05, 0.5, 0.5 });
        using var partner = torch.tensor(new[] { 1.0, 1.0, 1.0, 0.1, 0.0 });

        using var result = ProximalThreshold.Apply(scores, partner, 0.1);

        // τ = 0.1/|partner|: 0.1, 0.1, 0.1, 1.0, ∞.
        Assert.That(result.data<double>().ToArray(), Is.EqualTo(new[] { 0.4, -0.4, 0, 0, 0 }).Within(1e-12));
    }

    [Test]
    public void Zero_penalty_changes_nothing()
    {
        using var scores = torch.tensor(new[] { 0.3, -2.0 });

        using var result = ProximalThreshold.Apply(scores, torch.ones(2, dtype: float64), 0);

        Assert.That(result.data<double>().ToArray(), Is.EqualTo(new[] { 0.3, -2.0 }));
    }

    [TestCase(0.1)]
    [TestCase(0.0)]
    public void Both_masks_in_place_match_the_closed_form_bit_for_bit(double penalty)
    {
        torch.manual_seed(11);
        using var scope = torch.NewDisposeScope();
        // Mixed signs, exact zeros in both masks and entries either side of the threshold.
        var sourceHat = torch.randn(64, 9).mul_(0.3).where(torch.rand(64, 9).gt(0.1), 0);
        var transferHat = torch.randn(64, 9).mul_(0.3).where(torch.rand(64, 9).gt(0.1), 0);
        var expectedSource = Reference(sourceHat, transferHat, penalty);
        var expectedTransfer = Reference(transferHat, sourceHat, penalty);
        var viaApply = ProximalThreshold.Apply(sourceHat, transferHat, penalty);

        ProximalThreshold.ApplyToBoth(sourceHat, transferHat, penalty);

        Assert.That(sourceHat.data<float>().ToArray(), Is.EqualTo(expectedSource.data<float>().ToArray()), "m_s");
        Assert.That(transferHat.data<float>().ToArray(), Is.EqualTo(expectedTransfer.data<float>().ToArray()), "m_t");
        Assert.That(viaApply.data<float>().ToArray(), Is.EqualTo(expectedSource.data<float>().ToArray()), "Apply");
        Assert.That(expectedSource.eq(0).sum().item<long>(), Is.GreaterThan(expectedSource.numel() / 10).And.LessThan(expectedSource.numel()), "some entries pruned, not all");
    }

    // The out-of-place form of Eqs. 11–12: sign(s) · max(|s| − τ/|p|, 0) with NaN → 0.
    private static Tensor Reference(Tensor scores, Tensor partner, double penalty) =>
        (scores.sign() * (scores.abs() - (partner.abs().reciprocal() * penalty)).clamp_min(0)).nan_to_num(0);
}
