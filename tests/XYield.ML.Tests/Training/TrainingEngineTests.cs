using XYield.ML.Models;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Training;

[TestFixture]
[NonParallelizable]
public sealed class TrainingEngineTests
{
    private static readonly StageOptions QuickPretraining = StageOptions.PaperPretraining with { MaxEpoch = 4, BatchSize = 32, LearningRate = 3e-3 };
    private static readonly StageOptions QuickFineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 30, LearningRate = 1e-2, StepSize = 20 };

    [Test]
    public void Pretrain_and_transfer_reaches_a_clearly_lower_target_mse_than_no_pretraining()
    {
        var source = Set(Source(1500, seed: 1));
        var target = Set(Target(8, seed: 2));
        var test = Target(300, seed: 3);
        var options = new TrainingOptions { Seed = 11, Device = "cpu" };

        using var scratch = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, QuickFineTuning, options);
        using var pretrained = TrainingEngine.Pretrain(source, SmallNetwork, QuickPretraining, options);
        using var transferred = TrainingEngine.FineTune(pretrained, target, QuickFineTuning, options);

        var scratchMse = MeanSquaredError(scratch.Predict(test.Images), test.Labels);
        var transferMse = MeanSquaredError(transferred.Predict(test.Images), test.Labels);
        Assert.That(transferMse, Is.LessThan(scratchMse / 3), $"transfer {transferMse:F4} vs no pretraining {scratchMse:F4}");
    }

    [Test]
    public void Mix_training_uses_the_source_data_and_beats_no_pretraining()
    {
        var source = Set(Source(1000, seed: 1));
        var target = Set(Target(8, seed: 2));
        var test = Target(300, seed: 3);
        var options = new TrainingOptions { Seed = 5, Device = "cpu" };
        var stage = QuickPretraining with { BatchSize = 16 };

        using var scratch = TrainingEngine.TrainWithoutPretraining(target, SmallNetwork, QuickFineTuning, options);
        using var mixed = TrainingEngine.MixTrain(source, target, SmallNetwork, stage, options);

        Assert.That(mixed.NetworkOptions.HasSourceHead, Is.True);
        var scratchMse = MeanSquaredError(scratch.Predict(test.Images), test.Labels);
        var mixedMse = MeanSquaredError(mixed.Predict(test.Images), test.Labels);
        Assert.That(mixedMse, Is.LessThan(scratchMse / 2), $"mix {mixedMse:F4} vs no pretraining {scratchMse:F4}");
    }

    [Test]
    public void Same_seed_gives_identical_predictions_and_another_seed_does_not()
    {
        var data = Set(Target(40, seed: 4));
        var stage = QuickFineTuning with { MaxEpoch = 3 };

        float[] PredictWithSeed(int seed)
        {
            using var model = TrainingEngine.TrainWithoutPretraining(data, SmallNetwork, stage, new TrainingOptions { Seed = seed, Device = "cpu" });
            return model.Predict(Target(10, seed: 9).Images);
        }

        var first = PredictWithSeed(3);
        var second = PredictWithSeed(3);
        var other = PredictWithSeed(4);

        Assert.That(second, Is.EqualTo(first).AsCollection);
        Assert.That(other, Is.Not.EqualTo(first).AsCollection);
    }

    [Test]
    public void Classification_learns_separable_classes_and_returns_probabilities()
    {
        var (images, strengths) = Target(200, seed: 6);
        var classes = strengths.Select(s => s < 0.7f ? 0 : s < 0.9f ? 1 : 2).ToArray();
        var data = TrainingSet.ForClassification(images, classes, 3, ImageShape.PeriodicTable);
        var network = SmallNetwork with { Task = YieldTask.Classification, ClassCount = 3 };
        var stage = QuickPretraining with { MaxEpoch = 15, BatchSize = 16 };

        using var model = TrainingEngine.TrainWithoutPretraining(data, network, stage, new TrainingOptions { Seed = 2, Device = "cpu" });
        var probabilities = model.Predict(images);
        var predicted = model.PredictClasses(images);

        Assert.That(probabilities, Has.Length.EqualTo(200 * 3));
        for (var row = 0; row < 200; row++)
        {
            Assert.That(probabilities.AsSpan(row * 3, 3).ToArray().Sum(), Is.EqualTo(1f).Within(1e-5));
        }

        var majority = classes.GroupBy(c => c).Max(g => g.Count()) / 200.0;
        var accuracy = predicted.Zip(classes, (p, c) => p == c ? 1.0 : 0.0).Average();
        Assert.That(accuracy, Is.GreaterThan(majority + 0.15), $"accuracy {accuracy:P0}, majority class {majority:P0}");
    }

    [Test]
    public void Data_of_another_image_shape_or_task_is_refused_with_the_reason()
    {
        var data = TrainingSet.ForRegression(new float[2 * 2 * 4 * 4], [1f, 2f], new ImageShape(2, 4, 4));
        var classes = TrainingSet.ForClassification(Target(2, seed: 1).Images, [0, 1], 5, ImageShape.PeriodicTable);

        var shape = Assert.Throws<ArgumentException>(() => TrainingEngine.TrainWithoutPretraining(data, SmallNetwork));
        var task = Assert.Throws<ArgumentException>(() => TrainingEngine.TrainWithoutPretraining(classes, SmallNetwork));

        Assert.That(shape!.Message, Does.Contain("2 × 4 × 4").And.Contain("2 × 9 × 18"));
        Assert.That(task!.Message, Does.Contain("Classification").And.Contain("Regression"));
    }

    [Test]
    public void Small_images_train_with_the_default_network_derived_from_the_data()
    {
        var random = new Random(1);
        var shape = new ImageShape(2, 3, 3);
        var images = Enumerable.Range(0, 64 * shape.Size).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, 64).Select(row => images.AsSpan(row * shape.Size, shape.Size).ToArray().Sum() / 9f).ToArray();
        var data = TrainingSet.ForRegression(images, labels, shape);

        using var model = TrainingEngine.TrainWithoutPretraining(
            data, stage: StageOptions.PaperPretraining with { MaxEpoch = 20, LearningRate = 1e-3 }, options: new TrainingOptions { Device = "cpu" });

        var mse = MeanSquaredError(model.Predict(images), labels);
        var variance = labels.Select(l => (double)(l - labels.Average()) * (l - labels.Average())).Average();
        Assert.That(model.NetworkOptions.ImageShape, Is.EqualTo(shape));
        Assert.That(mse, Is.LessThan(variance / 2), $"mse {mse:F4}, label variance {variance:F4}");
    }
}
