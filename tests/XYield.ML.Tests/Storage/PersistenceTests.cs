using XYield.ML.Models;
using XYield.ML.Storage;
using XYield.ML.Tests.Training;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Storage;

[TestFixture]
[NonParallelizable]
public sealed class PersistenceTests
{
    private static readonly StageOptions Quick = StageOptions.PaperPretraining with { MaxEpoch = 2, BatchSize = 16, LearningRate = 1e-3 };
    private static readonly TrainingOptions Cpu = new() { Device = "cpu", Seed = 3 };

    [Test]
    public void Trained_model_round_trips_with_identical_predictions()
    {
        var probe = Target(20, seed: 8).Images;
        using var model = TrainingEngine.TrainWithoutPretraining(Set(Target(64, seed: 1)), SmallNetwork, Quick, Cpu);

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        using var loaded = TrainedYieldModel.Load(stream);

        Assert.That(loaded.NetworkOptions, Is.EqualTo(model.NetworkOptions));
        Assert.That(loaded.Predict(probe), Is.EqualTo(model.Predict(probe)).AsCollection);
    }

    [Test]
    public void Version_1_streams_without_masks_still_load_as_dense_models()
    {
        var probe = Target(20, seed: 8).Images;
        using var model = TrainingEngine.TrainWithoutPretraining(Set(Target(64, seed: 1)), SmallNetwork, Quick, Cpu);
        using var current = new MemoryStream();
        model.Save(current);

        // A version-1 stream: the same header with version 1, and the weights without the mask buffers (added in version 2).
        var widths = model.NetworkOptions.ConvolutionWidths.Count;
        var headerLength = "XYield.CNN".Length + 4 + 1 + 12 + 4 + (4 * widths) + 4 + 4 + 4 + 1;
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Network.save(writer, skip: model.Network.PrunableLayers
                .SelectMany(l => new[] { YieldCnn.MaskName(l, MaskStage.Source), YieldCnn.MaskName(l, MaskStage.Transfer) }).ToList());
        }

        var header = current.ToArray().AsSpan(0, headerLength).ToArray();
        BitConverter.GetBytes(1).CopyTo(header, "XYield.CNN".Length);
        using var old = new MemoryStream();
        old.Write(header);
        old.Write(BitConverter.GetBytes(weights.Length));
        old.Write(weights.ToArray());
        Assert.That(old.Length, Is.LessThan(current.Length), "the version-1 stream has no masks");
        old.Position = 0;

        using var loaded = TrainedYieldModel.Load(old);
        Assert.That(loaded.Predict(probe), Is.EqualTo(model.Predict(probe)).AsCollection);
        Assert.That(loaded.Sparsity.Joint, Is.Zero);
    }

    [Test]
    public void Pretrained_network_round_trips_and_fine_tunes_to_the_same_model()
    {
        var probe = Target(20, seed: 8).Images;
        var target = Set(Target(8, seed: 2));
        using var pretrained = TrainingEngine.Pretrain(Set(Source(64, seed: 1)), SmallNetwork, Quick, Cpu);
        using var stream = new MemoryStream();
        pretrained.Save(stream);
        stream.Position = 0;
        using var loaded = PretrainedNetwork.Load(stream);

        using var fromOriginal = TrainingEngine.FineTune(pretrained, target, Quick, Cpu);
        using var fromLoaded = TrainingEngine.FineTune(loaded, target, Quick, Cpu);

        Assert.That(loaded.Predict(probe), Is.EqualTo(pretrained.Predict(probe)).AsCollection);
        Assert.That(fromLoaded.Predict(probe), Is.EqualTo(fromOriginal.Predict(probe)).AsCollection);
    }

    [Test]
    public void Pretrained_network_is_unchanged_by_fine_tuning_a_clone()
    {
        var probe = Target(20, seed: 8).Images;
        using var pretrained = TrainingEngine.Pretrain(Set(Source(64, seed: 1)), SmallNetwork, Quick, Cpu);
        var before = pretrained.Predict(probe);
        using var bytesBefore = new MemoryStream();
        pretrained.Save(bytesBefore);

        using var tuned = TrainingEngine.FineTune(pretrained, Set(Target(8, seed: 2)), Quick with { LearningRate = 1e-2 }, Cpu);
        using var bytesAfter = new MemoryStream();
        pretrained.Save(bytesAfter);

        Assert.That(tuned.Predict(probe), Is.Not.EqualTo(before).AsCollection, "fine-tuning must change the clone");
        Assert.That(pretrained.Predict(probe), Is.EqualTo(before).AsCollection);
        Assert.That(bytesAfter.ToArray(), Is.EqualTo(bytesBefore.ToArray()), "weights and batch-norm statistics");
    }

    [Test]
    public void Truncated_foreign_and_mismatched_streams_fail_clearly()
    {
        using var model = TrainingEngine.TrainWithoutPretraining(Set(Target(16, seed: 1)), SmallNetwork, Quick with { MaxEpoch = 1 }, Cpu);
        using var saved = new MemoryStream();
        model.Save(saved);
        var bytes = saved.ToArray();

        using var truncated = new MemoryStream(bytes, 0, bytes.Length - 100);
        using var header = new MemoryStream(bytes, 0, 20);
        using var foreign = new MemoryStream("PK\u0003\u0004 a zip, not a network"u8.ToArray());
        using var whole = new MemoryStream(bytes);

        Assert.That(() => TrainedYieldModel.Load(truncated), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("truncated"));
        Assert.That(() => TrainedYieldModel.Load(header), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("truncated"));
        Assert.That(() => TrainedYieldModel.Load(foreign), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("not an XYield.ML network"));
        Assert.That(() => PretrainedNetwork.Load(whole), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("holds a trained model, not a pre-trained network"));
    }

    [Test]
    public void Newer_format_versions_are_refused()
    {
        using var model = TrainingEngine.TrainWithoutPretraining(Set(Target(16, seed: 1)), SmallNetwork, Quick with { MaxEpoch = 1 }, Cpu);
        using var saved = new MemoryStream();
        model.Save(saved);
        var bytes = saved.ToArray();
        BitConverter.GetBytes(YieldModelFormat.Version + 1).CopyTo(bytes, "XYield.CNN".Length);

        Assert.That(
            () => TrainedYieldModel.Load(new MemoryStream(bytes)),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains($"format version {YieldModelFormat.Version + 1}"));
    }
}
