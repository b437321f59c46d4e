using System.Globalization;
using System.Text;
using XYield.ML.Models;

namespace XYield.ML.Storage;

/// <summary>
/// The stream format of <see cref="PretrainedNetwork"/> and <see cref="TrainedYieldModel"/>: a header, the format
/// version, the kind, every <see cref="YieldCnnOptions"/> member, then the length-prefixed TorchSharp weights.
/// </summary>
/// <remarks>
/// Version 2 adds the masks m_s and m_t of every prunable layer to the weights (buffers <c>conv1_mask_s</c> …);
/// version-1 streams (dense networks, no masks) still load, with all-ones masks.
/// </remarks>
public static class YieldModelFormat
{
    /// <summary>The format version written by this library; streams with a higher version are refused.</summary>
    public const int Version = 2;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("XYield.CNN");

    /// <summary>What a stream holds.</summary>
    internal enum Kind : byte
    {
        PretrainedNetwork = 1,
        TrainedModel = 2,
    }

    internal static void Write(Stream stream, Kind kind, YieldCnn network)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var weights = new MemoryStream();
        using (var weightWriter = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true))
        {
            network.save(weightWriter);
        }

        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var options = network.Options;
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write((byte)kind);
        writer.Write(options.ImageShape.Channels);
        writer.Write(options.ImageShape.Height);
        writer.Write(options.ImageShape.Width);
        writer.Write(options.ConvolutionWidths.Count);
        foreach (var width in options.ConvolutionWidths)
        {
            writer.Write(width);
        }

        writer.Write(options.HiddenWidth);
        writer.Write((int)options.Task);
        writer.Write(options.ClassCount);
        writer.Write(options.HasSourceHead);
        writer.Write(weights.Length);
        writer.Write(weights.GetBuffer(), 0, (int)weights.Length);
    }

    /// <summary>Reads a network on the CPU, or throws <see cref="InvalidDataException"/> saying what is wrong with the stream.</summary>
    internal static YieldCnn Read(Stream stream, Kind expected)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        byte[] weights;
        YieldCnnOptions options;
        int version;
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("The stream is not an XYield.ML network: it does not start with the 'XYield.CNN' header.");
            }

            version = reader.ReadInt32();
            if (version < 1 || version > Version)
            {
                throw new InvalidDataException(Format($"The stream has network format version {version}; this library reads versions 1 to {Version}."));
            }

            var kind = (Kind)reader.ReadByte();
            if (kind != expected)
            {
                throw new InvalidDataException($"The stream holds a {Describe(kind)}, not a {Describe(expected)}.");
            }

            var shape = new ImageShape(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var widthCount = reader.ReadInt32();
            if (widthCount != 3)
            {
                throw new InvalidDataException(Format($"The stream is corrupt: it declares {widthCount} convolution widths; an XYield.ML network has 3."));
            }

            var widths = new int[widthCount];
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = reader.ReadInt32();
            }

            options = new YieldCnnOptions
            {
                ImageShape = shape,
                ConvolutionWidths = widths,
                HiddenWidth = reader.ReadInt32(),
                Task = (YieldTask)reader.ReadInt32(),
                ClassCount = reader.ReadInt32(),
                HasSourceHead = reader.ReadBoolean(),
            };
            ValidateBeforeAllocating(options);
            var length = reader.ReadInt64();
            var (smallest, largest) = WeightBytes.Range(options, withMasks: version >= 2);
            if (length < smallest || length > largest)
            {
                throw new InvalidDataException(Format(
                    $"The stream is corrupt: it declares {length} bytes of weights where its network settings need {smallest} to {largest}."));
            }

            weights = WeightBytes.ReadExactly(stream, length);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The stream is truncated: it ends inside the network header.", e);
        }

        var network = new YieldCnn(options);
        try
        {
            using var weightReader = new BinaryReader(new MemoryStream(weights, writable: false));
            // Version 1 has no mask entries: a non-strict load keeps the constructor's all-ones masks.
            var loaded = new Dictionary<string, bool>();
            network.load(weightReader, strict: version >= 2, loadedParameters: loaded);
            if (version < 2 && network.state_dict().Keys.Any(name => !name.Contains("_mask_", StringComparison.Ordinal) && !loaded.GetValueOrDefault(name)))
            {
                throw new InvalidDataException("The stream's weights do not match its network settings: a version-1 stream lacks some weights.");
            }

            WeightBytes.EnsureFinite(network);
            network.Bake();
            return network;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            network.Dispose();
            throw new InvalidDataException($"The stream's weights do not match its network settings: {e.Message}", e);
        }
    }

    // Header fields bound what is allocated next (the weight buffer, the network): a tampered width must not cost gigabytes.
    private static void ValidateBeforeAllocating(YieldCnnOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            // One line: ArgumentOutOfRangeException appends the actual value on a line of its own.
            throw new InvalidDataException($"The stream is corrupt: its network settings are invalid ({e.Message.Split('\n')[0].Trim()}).", e);
        }

        var shape = options.ImageShape;
        if (shape.Channels > MaxChannels || shape.Height > MaxSide || shape.Width > MaxSide
            || options.ConvolutionWidths.Any(w => w > MaxWidth) || options.HiddenWidth > MaxWidth || options.ClassCount is < 0 or > MaxClasses)
        {
            throw new InvalidDataException(Format(
                $"The stream is corrupt: its network settings (image {shape}, widths {string.Join(", ", options.ConvolutionWidths)}, hidden {options.HiddenWidth}, {options.ClassCount} classes) exceed what XYield.ML writes (at most {MaxChannels} channels, {MaxSide} pixels a side, {MaxWidth} units a layer, {MaxClasses} classes)."));
        }
    }

    private const int MaxChannels = 64;
    private const int MaxSide = 256;
    private const int MaxWidth = 4096;
    private const int MaxClasses = 1000;

    private static string Describe(Kind kind) => kind switch
    {
        Kind.PretrainedNetwork => "pre-trained network",
        Kind.TrainedModel => "trained model",
        _ => Format($"unknown content (kind {(byte)kind})"),
    };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
