using TorchSharp;
using XYield.ML.Runtime;
using XYield.ML.Storage;
using static TorchSharp.torch;

namespace XYield.ML.Models;

/// <summary>
/// A trained yield-strength network ready to predict: regression scores in GPa or class probabilities. Saved to and
/// loaded from a stream, so a transformer can embed its bytes. Owns native memory: dispose it.
/// </summary>
/// <remarks>
/// The network stays in eval mode and prediction never changes it, so <see cref="Predict"/> may be called from several
/// threads at once; <see cref="Dispose"/> must not race with a prediction. On an Intel CPU a row's prediction does not
/// depend on the batch it is predicted in (batch size, neighbours or thread count), bit for bit; on AMD CPUs MKL does not
/// fully honour its strict mode and the last bits can differ (measured: below 1e-7 GPa).
/// </remarks>
public sealed class TrainedYieldModel : IDisposable
{
    private readonly YieldCnn _network;
    private bool _disposed;
    private readonly Device _device;

    internal TrainedYieldModel(YieldCnn network, Device device)
    {
        _network = network;
        _device = device;
        _network.Bake();
        _network.eval();
    }

    /// <summary>The architecture of the network.</summary>
    public YieldCnnOptions NetworkOptions => _network.Options;

    /// <summary>Regression or classification.</summary>
    public YieldTask Task => _network.Options.Task;

    /// <summary>The device the network runs on.</summary>
    public string Device => _device.ToString();

    /// <summary>Per-layer sparsity of the masks m_s, m_t and m_s ⊙ m_t (all zero for a dense model).</summary>
    public Models.Masking.SparsityReport Sparsity
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Models.Masking.SparsityReport.Of(_network);
        }
    }

    /// <summary>The network itself (for masking and evaluation code inside the library).</summary>
    internal YieldCnn Network => _network;

    /// <summary>Reads a model written by <see cref="Save"/> onto a device ("cpu" by default).</summary>
    /// <exception cref="InvalidDataException">The stream is truncated, corrupt, of a newer version or not a trained model.</exception>
    public static TrainedYieldModel Load(Stream stream, string device = "cpu", bool allowCpuFallback = false)
    {
        TorchBackend.EnsureAvailable();
        var target = TorchDevices.Resolve(device, allowCpuFallback, log: null);
        var network = YieldModelFormat.Read(stream, YieldModelFormat.Kind.TrainedModel);
        network.to(target);
        return new TrainedYieldModel(network, target);
    }

    /// <summary>Writes the weights and every setting needed to rebuild the network.</summary>
    public void Save(Stream stream)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        YieldModelFormat.Write(stream, YieldModelFormat.Kind.TrainedModel, _network);
    }

    /// <summary>
    /// Predicts every image: N values in GPa (regression) or N × ClassCount probabilities, row-major (classification).
    /// </summary>
    /// <param name="images">N × image-size floats, row-major.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <exception cref="ArgumentException">The images are empty, of the wrong size or hold a non-finite value (the message names the row).</exception>
    public float[] Predict(float[] images, int batchSize = 256)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Predictor.Run(_network, _device, images, YieldHead.Target, batchSize, Task == YieldTask.Classification);
    }

    /// <summary>
    /// <see cref="Predict(float[], int)"/> of images the caller has checked (whole rows of finite values) into
    /// <paramref name="scores"/> (rows × outputs), allocating nothing per call beyond the tensors.
    /// </summary>
    internal void PredictChecked(ReadOnlySpan<float> images, Span<float> scores, int batchSize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Predictor.RunChecked(_network, _device, images, scores, YieldHead.Target, batchSize, Task == YieldTask.Classification);
    }

    /// <summary>The most probable class of every image (classification models only).</summary>
    public int[] PredictClasses(float[] images, int batchSize = 256)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Task != YieldTask.Classification)
        {
            throw new InvalidOperationException("PredictClasses needs a classification model; this one is a regression model.");
        }

        var probabilities = Predict(images, batchSize);
        var classes = _network.Options.ClassCount;
        var result = new int[probabilities.Length / classes];
        for (var row = 0; row < result.Length; row++)
        {
            var span = probabilities.AsSpan(row * classes, classes);
            result[row] = ArgMax.Of(span);
        }

        return result;
    }

    /// <summary>Releases the native weights; later calls do nothing. Using the model afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _network.Dispose();
    }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    internal bool IsDisposed => _disposed;
}
