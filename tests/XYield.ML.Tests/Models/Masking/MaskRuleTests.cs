using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Runtime;
using static TorchSharp.torch;

namespace XYield.ML.Tests.Models.Masking;

[TestFixture]
public sealed class MaskRuleTests
{
    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [Test]
    public void Magnitude_importance_with_the_imp_rule_removes_the_smallest_kept_weights_of_each_layer_by_name()
    {
        torch.manual_seed(0);
        using var network = new YieldCnn(new YieldCnnOptions { ConvolutionWidths = [2, 2, 2], HiddenWidth = 4 });
        var layers = network.PrunableLayers;
        using var scope = NewDisposeScope();

        var next = MaskRule.RemoveLeastImportant(0.2, PruningScope.LayerWise).Next(layers, MaskImportance.Magnitude, l => network.Mask(l, MaskStage.Source));

        Assert.That(next.Keys, Is.EquivalentTo(layers.Select(l => l.Name)));
        foreach (var layer in layers)
        {
            var n = layer.Weight.numel();
            var kept = next[layer.Name];
            Assert.That(kept.sum().item<float>(), Is.EqualTo(n - MagnitudePruning.CountToPrune(n, 0.2)), layer.Name);
            // Every removed weight is no larger in magnitude than every kept one.
            var magnitude = layer.Weight.detach().abs();
            Assert.That(magnitude.masked_select(kept.eq(0)).max().item<float>(), Is.LessThanOrEqualTo(magnitude.masked_select(kept.eq(1)).min().item<float>()), layer.Name);
        }
    }

    [Test]
    public void Score_importance_with_keep_non_zero_keeps_exactly_the_non_zero_scores_and_never_revives_a_removed_weight()
    {
        var layer = new PrunableLayer("conv1", () => new TorchSharp.Modules.Parameter(torch.zeros(4)));
        using var scores = torch.tensor(new float[] { 0.5f, 0f, -0.2f, 3f });
        using var current = torch.tensor(new float[] { 1, 1, 1, 0 });

        var next = MaskRule.KeepNonZero.Next([layer], MaskImportance.Scores(new Dictionary<string, Tensor> { ["conv1"] = scores }), _ => current)["conv1"];

        Assert.That(next.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 0, 1, 0 }));
        Assert.That(current.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 1, 1, 0 }), "inputs are not modified");
    }

    [Test]
    public void Scores_for_an_unknown_layer_are_refused_by_name()
    {
        var layer = new PrunableLayer("fc9", () => new TorchSharp.Modules.Parameter(torch.zeros(2)));
        var importance = MaskImportance.Scores(new Dictionary<string, Tensor>());

        var error = Assert.Throws<ArgumentException>(() => MaskRule.KeepNonZero.Next([layer], importance, _ => torch.ones(2)));

        Assert.That(error!.Message, Does.Contain("'fc9'"));
    }
}
