using TorchSharp;
using XYield.ML.Runtime;
using XYield.ML.Storage;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Models;

/// <summary>
/// A network pre-trained on source (simulated) data: produced once by <see cref="TrainingEngine.Pretrain"/>, saved and
/// loaded, and fine-tuned any number of times through <see cref="TrainingEngine.FineTune"/>, which works on a clone
/// and never modifies this network. Kept on the CPU.
/// </summary>
public sealed class PretrainedNetwork : IDisposable
{
    private readonly YieldCnn _network;
    private bool _disposed;

    internal PretrainedNetwork(YieldCnn network)
    {
        _network = network;
        _network.Bake();
        _network.eval();
    }

    /// <summary>Per-layer sparsity of the masks (m_s after sparse pre-training; all zero for a dense network).</summary>
    public Models.Masking.SparsityReport Sparsity
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Models.Masking.SparsityReport.Of(_network);
        }
    }

    /// <summary>The architecture of the network.</summary>
    public YieldCnnOptions NetworkOptions => _network.Options;

    /// <summary>Reads a network written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is truncated, corrupt, of a newer version or not a pre-trained network.</exception>
    public static PretrainedNetwork Load(Stream stream)
    {
        TorchBackend.EnsureAvailable();
        return new PretrainedNetwork(YieldModelFormat.Read(stream, YieldModelFormat.Kind.PretrainedNetwork));
    }

    /// <summary>Writes the weights and every setting needed to rebuild the network.</summary>
    public void Save(Stream stream)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        YieldModelFormat.Write(stream, YieldModelFormat.Kind.PretrainedNetwork, _network);
    }

    /// <summary>Predictions of the pre-trained network itself (N × outputs; probabilities for classification).</summary>
    public float[] Predict(float[] images, int batchSize = 256)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Predictor.Run(_network, CPU, images, YieldHead.Target, batchSize, _network.Options.Task == YieldTask.Classification);
    }

    /// <summary>Releases the native weights; later calls do nothing. Using the network afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _network.Dispose();
    }

    /// <summary>A fresh copy of the network on the CPU, weights and batch-norm statistics included.</summary>
    internal YieldCnn CloneNetwork()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clone = new YieldCnn(_network.Options);
        clone.load_state_dict(_network.state_dict(), strict: true);
        return clone;
    }
}
