using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Tests.Training;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Methods;

[TestFixture]
[NonParallelizable]
public sealed class SparseTrainingTests
{
    private static readonly StageOptions QuickPretraining = StageOptions.PaperPretraining with { MaxEpoch = 2, BatchSize = 32, LearningRate = 3e-3 };
    private static readonly StageOptions QuickFineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 10, LearningRate = 1e-2, StepSize = 20 };
    private static readonly TrainingOptions Cpu = new() { Seed = 3, Device = "cpu" };

    [Test]
    public void Hand_tune_with_two_source_rounds_and_one_transfer_round_keeps_exactly_the_imp_survivors_in_the_saved_model()
    {
        var sparsity = new SparsityOptions { PretrainingRounds = 2, TransferRounds = 1, PretrainingRoundEpochs = 1, TransferRoundEpochs = 3 };
        using var model = TrainingEngine.HandTune(Set(Source(400, seed: 1)), Set(Target(12, seed: 2)), SmallNetwork, QuickPretraining, QuickFineTuning, sparsity, Cpu);
        using var loaded = SaveAndLoad(model);

        long total = 0, expectedKept = 0;
        foreach (var layer in loaded.Network.PrunableLayers)
        {
            var n = layer.Weight.numel();
            var kept = n;
            for (var round = 0; round < 3; round++)
            {
                kept -= MagnitudePruning.CountToPrune(kept, 0.2);
            }

            var nonZero = layer.Weight.ne(0).sum().item<long>();
            Assert.That(nonZero, Is.EqualTo(kept), $"layer {layer.Name}: {n} weights");
            total += n;
            expectedKept += kept;
        }

        Assert.That((double)expectedKept / total, Is.EqualTo(0.512).Within(0.01), "0.8³ of the prunable weights survive");
        var report = loaded.Sparsity;
        Assert.That(report.Joint, Is.EqualTo(1 - ((double)expectedKept / total)).Within(1e-12));
        Assert.That(report.Source, Is.GreaterThan(0.35).And.LessThan(0.37), "two rounds on m_s: 1 − 0.8²");
        Assert.That(report.Transfer, Is.GreaterThan(0.12).And.LessThan(0.13), "one round on the survivors: 0.8² × 0.2 of all weights");
        Assert.That(report.Layers.Select(l => l.Layer), Is.EqualTo(new[] { "conv1", "conv2", "conv3", "fc1", "head" }));
    }

    [Test]
    public void Global_ranking_prunes_the_documented_total_but_layers_lose_different_fractions()
    {
        var sparsity = new SparsityOptions { PretrainingRounds = 1, TransferRounds = 0, Scope = PruningScope.Global, PretrainingRoundEpochs = 1 };
        using var pretrained = TrainingEngine.PretrainSparse(Set(Source(300, seed: 1)), SmallNetwork, QuickPretraining, sparsity, Cpu);
        var report = pretrained.Sparsity;
        var expected = (double)MagnitudePruning.CountToPrune(report.WeightCount, 0.2) / report.WeightCount;
        Assert.That(report.Source, Is.EqualTo(expected).Within(1e-12));
        Assert.That(report.Transfer, Is.Zero);
        Assert.That(report.Layers.Select(l => Math.Round(l.Source, 3)).Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public void Pruned_weights_get_zero_gradient_and_stay_zero_through_later_rounds()
    {
        var source = Set(Source(300, seed: 1));
        var oneRound = new SparsityOptions { PretrainingRounds = 1, PretrainingRoundEpochs = 1 };
        using var first = TrainingEngine.PretrainSparse(source, SmallNetwork, QuickPretraining, oneRound, Cpu);
        using var second = TrainingEngine.PretrainSparse(source, SmallNetwork, QuickPretraining, oneRound with { PretrainingRounds = 2 }, Cpu);
        using var network = first.CloneNetwork();
        using var later = second.CloneNetwork();

        // Same seed: the two runs are identical up to the end of round 1, so round-1 zeros must still be zeros after round 2.
        for (var i = 0; i < network.PrunableLayers.Count; i++)
        {
            var prunedFirst = network.Mask(network.PrunableLayers[i], MaskStage.Source).eq(0);
            var laterWeight = later.PrunableLayers[i].Weight;
            Assert.That(laterWeight.masked_select(prunedFirst).abs().sum().item<float>(), Is.Zero, network.PrunableLayers[i].Name);
            Assert.That(later.Mask(later.PrunableLayers[i], MaskStage.Source).masked_select(prunedFirst).sum().item<float>(), Is.Zero);
        }

        var (images, labels) = Target(8, seed: 5);
        using var x = torch.tensor(images, [8, 2, 9, 18]);
        using var y = torch.tensor(labels, [8, 1]);
        network.train();
        using var loss = torch.nn.functional.mse_loss(network.forward(x, YieldHead.Target, network.HardMaskedWeight), y);
        loss.backward();
        foreach (var layer in network.PrunableLayers)
        {
            var pruned = network.Mask(layer, MaskStage.Source).eq(0);
            Assert.That(pruned.sum().item<long>(), Is.GreaterThan(0));
            Assert.That(layer.Weight.grad!.masked_select(pruned).abs().max().item<float>(), Is.Zero, layer.Name);
            Assert.That(layer.Weight.grad!.masked_select(pruned.logical_not()).abs().max().item<float>(), Is.GreaterThan(0), layer.Name);
        }
    }

    [Test]
    public void A_sparse_pretrained_network_serves_several_fine_tunes_and_is_not_modified()
    {
        var sparsity = new SparsityOptions { PretrainingRounds = 1, TransferRounds = 1, PretrainingRoundEpochs = 1, TransferRoundEpochs = 2 };
        using var pretrained = TrainingEngine.PretrainSparse(Set(Source(300, seed: 1)), SmallNetwork, QuickPretraining, sparsity, Cpu);
        var test = Target(20, seed: 9).Images;
        var before = pretrained.Predict(test);
        using var a = TrainingEngine.FineTuneSparse(pretrained, Set(Target(12, seed: 2)), QuickFineTuning, sparsity, Cpu);
        using var b = TrainingEngine.FineTuneSparse(pretrained, Set(Target(12, seed: 4)), QuickFineTuning, sparsity, Cpu);
        Assert.That(pretrained.Predict(test), Is.EqualTo(before));
        Assert.That(a.Sparsity.Source, Is.EqualTo(pretrained.Sparsity.Source));
        Assert.That(a.Sparsity.Joint, Is.GreaterThan(a.Sparsity.Source));
        Assert.That(a.Predict(test), Is.Not.EqualTo(b.Predict(test)));
    }

    [Test]
    public void Bi_rpt_learns_a_non_trivial_sparsity_and_its_saved_masks_reproduce_the_predictions()
    {
        using var pretrained = TrainingEngine.Pretrain(Set(Source(400, seed: 1)), SmallNetwork, QuickPretraining, Cpu);
        // The paper's setting (every layer gated, the lower level every step): the default gates only the convolutions.
        // No target sparsity: the sparsity here must come from γ's proximal steps alone.
        var sparsity = new SparsityOptions { Gamma = 3e-3, UpperLearningRate = 1e-2, GatedLayers = BiRptGatedLayers.All, LowerLevelInterval = 1, TargetJointSparsity = null };
        var stage = QuickFineTuning with { MaxEpoch = 12, BatchSize = 4 };
        using var model = TrainingEngine.BiRpt(pretrained, Set(Source(400, seed: 6)), Set(Target(16, seed: 2)), stage, sparsity, Cpu);
        var report = model.Sparsity;
        TestContext.Out.WriteLine(report.ToString());
        // A larger γ than the default, so a few dozen steps reach sparsity. The wide fc1 layer has tiny per-score gradients and
        // its scores shrink almost in lockstep (a larger γ removes it nearly whole), so the learned part is in the convolutions.
        Assert.That(report.Joint, Is.GreaterThan(0.005).And.LessThan(0.95), "learned joint sparsity");
        Assert.That(report.Layers.Where(l => l.Layer.StartsWith("conv", StringComparison.Ordinal)).Select(l => l.Joint), Has.All.InRange(0.05, 0.95));
        Assert.That(report.Layers.Select(l => Math.Round(l.Joint, 3)).Distinct().Count(), Is.GreaterThan(1), "layers differ: the sparsity is learned, not uniform");

        var test = Target(50, seed: 9);
        var predictions = model.Predict(test.Images);
        // No accuracy claim here: with the batch-norm statistics kept to the target data, this γ prunes a fifth of the
        // convolutions within a few dozen steps and the model ends worse than the pre-trained one (0.80 against 0.26 GPa²;
        // γ ≤ 2.5e-3 prunes nothing). That switch-like behaviour is the fixed per-step threshold's; a sparsity control that
        // carries over between run lengths is still to come. SourcePassTests checks the dense part of the upper level.
        using var loaded = SaveAndLoad(model);
        Assert.That(loaded.Predict(test.Images), Is.EqualTo(predictions));
        Assert.That(loaded.Sparsity.Joint, Is.EqualTo(report.Joint));
        foreach (var layer in loaded.Network.PrunableLayers)
        {
            var removed = (loaded.Network.Mask(layer, MaskStage.Source) * loaded.Network.Mask(layer, MaskStage.Transfer)).eq(0);
            Assert.That(layer.Weight.masked_select(removed).abs().sum().item<float>(), Is.Zero, layer.Name);
        }
    }

    [TestCase(nameof(SparsityOptions.PruningRate))]
    [TestCase(nameof(SparsityOptions.PretrainingRounds))]
    [TestCase(nameof(SparsityOptions.TransferRoundEpochs))]
    [TestCase(nameof(SparsityOptions.MaskLearningRate))]
    [TestCase(nameof(SparsityOptions.Gamma))]
    [TestCase(nameof(SparsityOptions.UnrollSteps))]
    [TestCase(nameof(SparsityOptions.EpsilonDecay))]
    public void Bad_sparsity_options_are_rejected_by_name(string member)
    {
        var bad = member switch
        {
            nameof(SparsityOptions.PruningRate) => new SparsityOptions { PruningRate = 1 },
            nameof(SparsityOptions.PretrainingRounds) => new SparsityOptions { PretrainingRounds = -1 },
            nameof(SparsityOptions.TransferRoundEpochs) => new SparsityOptions { TransferRoundEpochs = 0 },
            nameof(SparsityOptions.MaskLearningRate) => new SparsityOptions { MaskLearningRate = double.NaN },
            nameof(SparsityOptions.Gamma) => new SparsityOptions { Gamma = -1e-4 },
            nameof(SparsityOptions.UnrollSteps) => new SparsityOptions { UnrollSteps = 0 },
            _ => new SparsityOptions { EpsilonDecay = 1.5 },
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingEngine.PretrainSparse(Set(Source(10, seed: 1)), SmallNetwork, QuickPretraining, bad, Cpu));
        Assert.That(e!.ParamName, Is.EqualTo(member));
    }

    private static TrainedYieldModel SaveAndLoad(TrainedYieldModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return TrainedYieldModel.Load(stream);
    }
}
