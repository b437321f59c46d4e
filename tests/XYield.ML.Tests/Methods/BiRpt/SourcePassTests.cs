using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models;
using XYield.ML.Runtime;
using XYield.ML.Training;
using static TorchSharp.torch;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Methods.BiRpt;

/// <summary>Bi-RPT's source passes (the lower level and Eq. 10's source forward) and the target model's batch-norm statistics.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SourcePassTests
{
    private static readonly StageOptions Stage = StageOptions.PaperFineTuning with { MaxEpoch = 4, LearningRate = 1e-2, StepSize = 2 };

    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [Test]
    public void A_training_mode_pass_inside_the_scope_leaves_the_running_statistics_as_they_were()
    {
        torch.manual_seed(0);
        using var network = new YieldCnn(SmallNetwork);
        network.train();
        using var images = torch.rand([8, 2, 9, 18]);
        float RunningMean() => network.named_buffers().First(b => b.name == "bn1.running_mean").buffer.sum().item<float>();
        var before = RunningMean();

        using (var statistics = BatchNormStatistics.Preserve(network))
        {
            using var scope = NewDisposeScope();
            network.forward(images);
            Assert.That(statistics.Count, Is.EqualTo(9), "three statistics for each of the three batch-norm layers");
            Assert.That(RunningMean(), Is.Not.EqualTo(before), "the pass itself moves them");
        }

        Assert.That(RunningMean(), Is.EqualTo(before));
    }

    [Test]
    public void With_the_source_weight_steps_off_the_source_data_changes_nothing()
    {
        using var pretrained = TrainingEngine.Pretrain(Set(Source(64, seed: 1)), SmallNetwork, StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 16 }, new TrainingOptions { Device = "cpu" });
        var target = Set(Target(12, seed: 2));
        var noSourceSteps = new SparsityOptions { LowerLearningRate = 0, Gamma = 1e-3 };
        var options = new TrainingOptions { Device = "cpu", Seed = 5 };
        var test = Target(30, seed: 9).Images;

        // Same size, different values: only the source data differs between the two runs.
        using var a = TrainingEngine.BiRpt(pretrained, Set(Source(48, seed: 3)), target, Stage, noSourceSteps, options);
        using var b = TrainingEngine.BiRpt(pretrained, Set(Source(48, seed: 4)), target, Stage, noSourceSteps, options);
        using var withSourceSteps = TrainingEngine.BiRpt(pretrained, Set(Source(48, seed: 4)), target, Stage, noSourceSteps with { LowerLearningRate = 1e-2 }, options);

        Assert.That(b.Predict(test), Is.EqualTo(a.Predict(test)), "source batches must not reach the statistics the target model is evaluated with");
        Assert.That(b.Sparsity, Is.EqualTo(a.Sparsity).Using<XYield.ML.Models.Masking.SparsityReport>((x, y) => x.Layers.SequenceEqual(y.Layers)));
        Assert.That(withSourceSteps.Predict(test), Is.Not.EqualTo(a.Predict(test)), "the check can fail: source steps do change the model");
    }

    [TestCase(true, new[] { 1e-3, 1e-3, 1e-4, 1e-4 })]
    [TestCase(false, new[] { 1e-3, 1e-3, 1e-3, 1e-3 })]
    public void The_lower_learning_rate_follows_the_fine_tuning_schedule_unless_told_not_to(bool follows, double[] expected)
    {
        torch.manual_seed(0);
        using var network = new YieldCnn(SmallNetwork);
        var fit = new FitSettings(SmallNetwork, Stage with { StepGamma = 0.1 }, new TrainingOptions(), OnTarget: true, CPU);
        using var stage = new BiRptStage(network, Set(Source(8, seed: 1)), Set(Target(8, seed: 2)), fit, new SparsityOptions { LowerLearningRateFollowsSchedule = follows });

        var rates = Enumerable.Range(0, 4).Select(epoch =>
        {
            stage.BeginEpoch(epoch);
            return stage.LowerRate;
        }).ToArray();

        Assert.That(rates, Is.EqualTo(expected).Within(1e-15));
    }
}
