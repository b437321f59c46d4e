using System.Runtime.InteropServices;
using TorchSharp;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Models;

/// <summary>
/// Batched inference under <c>no_grad()</c>, one dispose scope per batch. A network in training mode is put in eval mode
/// for the call and back; a network already in eval mode (every <see cref="TrainedYieldModel"/> and
/// <see cref="PretrainedNetwork"/>) is never written to, so it can predict on several threads at once.
/// </summary>
internal static class Predictor
{
    /// <summary>
    /// Rows every forward pass has at least. libtorch convolves a lone image with another algorithm than a batch (other
    /// rounding), so a single row is padded with a zero row: with MKL's strict reproducibility mode
    /// (<see cref="Runtime.NativeEnvironment"/>) a row's prediction is then the same bit for bit in any batch on Intel CPUs
    /// (on AMD CPUs to within its last bits: MKL does not fully honour the mode there).
    /// </summary>
    internal const int MinimumForwardRows = 2;

    /// <summary>Runs the network over every image and returns N × outputs, row-major.</summary>
    /// <param name="network">The network (already on <paramref name="device"/>).</param>
    /// <param name="device">Where the network lives.</param>
    /// <param name="images">Images, row-major; validated here.</param>
    /// <param name="which">The head to read.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="softmax">Turn logits into class probabilities.</param>
    /// <param name="weightOf">The weights to predict with (masked or gated during sparse training); null for the layers' own.</param>
    public static float[] Run(YieldCnn network, Device device, float[] images, YieldHead which, int batchSize, bool softmax, Func<PrunableLayer, Tensor>? weightOf = null)
    {
        var count = TrainingSet.CheckImages(images, network.Options.ImageShape);
        var result = new float[(long)count * network.Options.OutputCount];
        RunChecked(network, device, images, result, which, batchSize, softmax, weightOf);
        return result;
    }

    /// <summary>
    /// <see cref="Run"/> into <paramref name="result"/> (N × outputs) for images the caller has validated: whole, finite rows.
    /// </summary>
    public static void RunChecked(
        YieldCnn network, Device device, ReadOnlySpan<float> images, Span<float> result, YieldHead which, int batchSize, bool softmax,
        Func<PrunableLayer, Tensor>? weightOf = null)
    {
        var shape = network.Options.ImageShape;
        var size = shape.Size;
        var count = images.Length / size;
        var outputs = network.Options.OutputCount;
        var wasTraining = network.training;
        if (wasTraining)
        {
            network.eval();
        }

        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var rows = Math.Min(batchSize, count - start);
                var batch = images.Slice(start * size, rows * size);
                var forwardRows = Math.Max(rows, MinimumForwardRows);
                var input = empty([forwardRows, shape.Channels, shape.Height, shape.Width], ScalarType.Float32);
                var data = MemoryMarshal.Cast<byte, float>(input.bytes); // the tensor's own CPU memory
                batch.CopyTo(data);
                data[batch.Length..].Clear();
                var output = network.forward(input.to(device), which, weightOf);
                if (softmax)
                {
                    output = output.softmax(1);
                }

                MemoryMarshal.Cast<byte, float>(output.cpu().contiguous().bytes)[..(rows * outputs)].CopyTo(result.Slice(start * outputs, rows * outputs));
            }
        }
        finally
        {
            if (wasTraining)
            {
                network.train();
            }
        }
    }
}
