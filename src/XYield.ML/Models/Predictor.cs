using System.Runtime.InteropServices;
using TorchSharp;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Models;

/// <summary>Batched inference: <c>eval()</c> under <c>no_grad()</c>, one dispose scope per batch, training mode restored.</summary>
internal static class Predictor
{
    /// <summary>Runs the network over every image and returns N × outputs, row-major.</summary>
    /// <param name="network">The network (already on <paramref name="device"/>).</param>
    /// <param name="device">Where the network lives.</param>
    /// <param name="images">Validated images, row-major.</param>
    /// <param name="which">The head to read.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="softmax">Turn logits into class probabilities.</param>
    /// <param name="weightOf">The weights to predict with (masked or gated during sparse training); null for the layers' own.</param>
    public static float[] Run(YieldCnn network, Device device, float[] images, YieldHead which, int batchSize, bool softmax, Func<PrunableLayer, Tensor>? weightOf = null)
    {
        var shape = network.Options.ImageShape;
        var count = TrainingSet.CheckImages(images, shape);
        var outputs = network.Options.OutputCount;
        var result = new float[(long)count * outputs];
        var wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var rows = Math.Min(batchSize, count - start);
                var input = empty([rows, shape.Channels, shape.Height, shape.Width], ScalarType.Float32);
                input.bytes = MemoryMarshal.AsBytes(images.AsSpan(start * shape.Size, rows * shape.Size));
                var output = network.forward(input.to(device), which, weightOf);
                if (softmax)
                {
                    output = output.softmax(1);
                }

                MemoryMarshal.Cast<byte, float>(output.cpu().contiguous().bytes).CopyTo(result.AsSpan(start * outputs, rows * outputs));
            }
        }
        finally
        {
            network.train(wasTraining);
        }

        return result;
    }
}
