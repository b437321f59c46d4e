using System.Globalization;
using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Storage;

/// <summary>
/// Checks on the weight block of a network stream: its declared size against the architecture, a read that allocates
/// no more than the stream really holds, and finite values after loading.
/// </summary>
internal static class WeightBytes
{
    // TorchSharp writes each tensor with its name, element type, rank and shape before the data; 256 bytes per tensor
    // covers the longest name we use with room to spare.
    private const long HeaderBytesPerTensor = 256;
    private const int Chunk = 1 << 20;

    /// <summary>The smallest and largest weight block a network of <paramref name="options"/> can have.</summary>
    /// <param name="options">The architecture, already bounded.</param>
    /// <param name="withMasks">Whether the stream holds the masks m_s and m_t of every prunable layer (format 2).</param>
    public static (long Smallest, long Largest) Range(YieldCnnOptions options, bool withMasks)
    {
        var (floats, tensors) = Count(options, withMasks);
        // num_batches_tracked of each batch norm is an int64 scalar: 8 bytes, counted here beside the float32 data.
        var data = (floats * sizeof(float)) + (3 * sizeof(long));
        return (data, data + ((tensors + 3) * HeaderBytesPerTensor));
    }

    /// <summary>Reads <paramref name="length"/> bytes in chunks, so a header that lies about its size cannot make us allocate it.</summary>
    /// <exception cref="InvalidDataException">The stream ends first.</exception>
    public static byte[] ReadExactly(Stream stream, long length)
    {
        using var buffer = new MemoryStream((int)Math.Min(length, Chunk));
        var chunk = new byte[Chunk];
        while (buffer.Length < length)
        {
            var read = stream.Read(chunk, 0, (int)Math.Min(Chunk, length - buffer.Length));
            if (read == 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"The stream is truncated: expected {length} bytes of weights, found {buffer.Length}."));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Throws when a weight, bias, batch-norm statistic or mask holds NaN or infinity.</summary>
    /// <exception cref="InvalidDataException">Names the first tensor with a non-finite value.</exception>
    public static void EnsureFinite(YieldCnn network)
    {
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in network.state_dict())
        {
            if (tensor.is_floating_point() && !isfinite(tensor).all().item<bool>())
            {
                throw new InvalidDataException($"The stream's weights hold NaN or infinity (in '{name}'): the network was saved from a diverged training run.");
            }
        }
    }

    // Float32 values and tensor count of the state the network saves, from the layer shapes YieldCnn builds.
    private static (long Floats, long Tensors) Count(YieldCnnOptions options, bool withMasks)
    {
        var shape = options.ImageShape;
        var widths = options.ConvolutionWidths;
        long floats = 0;
        long tensors = 0;
        long maskFloats = 0;
        long inputs = shape.Channels;
        foreach (long width in widths)
        {
            var kernel = inputs * width * 9;
            floats += kernel + width + (4 * width); // conv weight and bias; batch norm weight, bias, running mean and variance
            maskFloats += kernel;
            tensors += 7;                            // the six above and num_batches_tracked
            inputs = width;
        }

        var flat = (long)widths[^1] * shape.Height * shape.Width * options.HiddenWidth;
        var head = (long)options.HiddenWidth * options.OutputCount;
        var heads = options.HasSourceHead ? 2 : 1;
        floats += flat + options.HiddenWidth + (heads * (head + options.OutputCount));
        maskFloats += flat + (heads * head);
        tensors += 2 + (2 * heads);
        if (withMasks)
        {
            floats += 2 * maskFloats;
            tensors += 2 * (4 + heads);
        }

        return (floats, tensors);
    }
}
