using XYield.ML.Models;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Storage;

/// <summary>
/// A corpus of damaged model streams, generated from one good stream: every header field set out of range, truncations,
/// a renamed weight, non-finite values and flipped bytes. Each is refused with one <see cref="InvalidDataException"/>
/// before anything large is allocated.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CorruptModelStreamTests
{
    // Offsets of the header fields (YieldModelFormat): magic 10 bytes, version, kind, C, H, W, width count, 3 widths,
    // hidden width, task, class count, source-head flag, weight length (int64), weights.
    private static readonly (string Field, int Offset)[] IntFields =
    [
        ("version", 10), ("channels", 15), ("height", 19), ("width", 23), ("width count", 27),
        ("conv1 width", 31), ("conv2 width", 35), ("conv3 width", 39), ("hidden width", 43), ("task", 47), ("class count", 51),
    ];

    private const int LengthOffset = 56;
    private const int WeightsOffset = 64;
    private const long AllocationBudget = 64L << 20;

    private byte[] _good = [];

    [OneTimeSetUp]
    public void SaveOneModel()
    {
        var stage = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 16, LearningRate = 1e-3 };
        using var model = TrainingEngine.TrainWithoutPretraining(Set(Target(32, seed: 1)), SmallNetwork, stage, new TrainingOptions { Device = "cpu", Seed = 1 });
        using var stream = new MemoryStream();
        model.Save(stream);
        _good = stream.ToArray();
    }

    [Test]
    public void The_good_stream_loads()
    {
        using var model = TrainedYieldModel.Load(new MemoryStream(_good));
        Assert.That(model.NetworkOptions, Is.EqualTo(SmallNetwork));
    }

    [Test]
    public void Every_header_field_out_of_range_is_refused_without_a_large_allocation(
        [Values(-1, 0, 5, 1 << 20, int.MaxValue)] int value)
    {
        foreach (var (field, offset) in IntFields)
        {
            var bytes = (byte[])_good.Clone();
            if (BitConverter.ToInt32(bytes, offset) == value || (field == "class count" && value is >= 0 and <= 1000))
            {
                continue; // the good value (e.g. task 0) is no corruption, nor is any sane class count of a regression model
            }

            BitConverter.GetBytes(value).CopyTo(bytes, offset);
            AssertRefused(bytes, $"{field} = {value}");
        }
    }

    [Test]
    public void A_weight_length_that_does_not_match_the_architecture_is_refused(
        [Values(-1L, 0L, 1L, 100L, long.MaxValue, int.MaxValue + 1L)] long length)
    {
        var bytes = (byte[])_good.Clone();
        BitConverter.GetBytes(length).CopyTo(bytes, LengthOffset);
        AssertRefused(bytes, $"length {length}", "bytes of weights");
    }

    [Test]
    public void A_large_consistent_header_on_a_small_file_is_refused_without_allocating_what_it_claims()
    {
        // Widths and length agree with each other (4096-wide layers: about 1.2 GB of weights) but the file ends long before.
        var bytes = (byte[])_good.Clone();
        foreach (var offset in new[] { 31, 35, 39, 43 })
        {
            BitConverter.GetBytes(4096).CopyTo(bytes, offset);
        }

        var options = SmallNetwork with { ConvolutionWidths = [4096, 4096, 4096], HiddenWidth = 4096 };
        var (smallest, _) = XYield.ML.Storage.WeightBytes.Range(options, withMasks: true);
        BitConverter.GetBytes(smallest).CopyTo(bytes, LengthOffset);
        AssertRefused(bytes, "consistent huge header", "truncated");
    }

    [Test]
    public void Every_truncation_is_refused([Range(0, 15)] int sixteenth)
    {
        var length = (int)((long)_good.Length * sixteenth / 16);
        AssertRefused(_good[..length], $"first {length} of {_good.Length} bytes");
    }

    [Test]
    public void Truncations_inside_the_header_are_refused()
    {
        for (var length = 0; length <= WeightsOffset; length++)
        {
            AssertRefused(_good[..length], $"first {length} bytes");
        }
    }

    [Test]
    public void A_renamed_weight_is_refused()
    {
        var bytes = (byte[])_good.Clone();
        var name = "conv2.weight"u8.ToArray();
        var at = bytes.AsSpan().IndexOf(name);
        Assert.That(at, Is.GreaterThan(WeightsOffset), "the weight names are in the stream");
        "conv9.weight"u8.CopyTo(bytes.AsSpan(at));
        AssertRefused(bytes, "conv2.weight renamed", "do not match");
    }

    [Test]
    public void Non_finite_weights_are_refused([Values(float.NaN, float.PositiveInfinity, float.NegativeInfinity)] float value)
    {
        var bytes = (byte[])_good.Clone();
        BitConverter.GetBytes(value).CopyTo(bytes, WeightOffsets.FirstFloat(bytes, "conv2.weight") + 40);
        AssertRefused(bytes, $"a weight = {value}", "NaN or infinity (in 'conv2.weight')");
    }

    [Test]
    public void Any_single_header_byte_flipped_loads_or_is_refused_cleanly()
    {
        for (var offset = 0; offset < WeightsOffset; offset++)
        {
            if (offset is >= 51 and < 55)
            {
                continue; // a regression model ignores its class count (low bytes flipped give another sane count)
            }

            foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                var bytes = (byte[])_good.Clone();
                bytes[offset] ^= mask;
                try
                {
                    using var model = TrainedYieldModel.Load(new MemoryStream(bytes));
                    Assert.Fail($"byte {offset} ^ 0x{mask:X2} loaded although the header changed");
                }
                catch (InvalidDataException)
                {
                }
            }
        }
    }

    [Test]
    public void Another_kind_of_stream_is_refused()
    {
        var bytes = (byte[])_good.Clone();
        bytes[14] = 1; // a pre-trained network where a trained model is expected
        AssertRefused(bytes, "kind", "pre-trained network");
        AssertRefused("PK\u0003\u0004 this is a zip, not a network"u8.ToArray(), "zip bytes", "XYield.CNN");
    }

    private static void AssertRefused(byte[] bytes, string what, string? says = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => TrainedYieldModel.Load(new MemoryStream(bytes)).Dispose(), what)!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.LessThan(AllocationBudget), $"{what}: allocated {allocated:N0} bytes for a {bytes.Length:N0}-byte stream");
        Assert.That(error.Message, Does.Not.Contain("\n"), what);
        if (says is not null)
        {
            Assert.That(error.Message, Does.Contain(says), what);
        }
    }
}
