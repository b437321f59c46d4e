using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>
/// The end of one training epoch, handed to <see cref="TrainingOptions.EpochCompleted"/>: which stage and epoch it was,
/// and predictions with the weights as they are at that moment (through the masks or gates the stage trains with).
/// The network is in evaluation mode during the callback and back in training mode after it; <see cref="Predict"/> is
/// only valid during the callback.
/// </summary>
public sealed class TrainingEpoch
{
    private readonly YieldCnn _network;
    private readonly Device _device;
    private readonly Func<PrunableLayer, Tensor>? _weightOf;
    private bool _closed;

    internal TrainingEpoch(string stage, int epoch, int maxEpoch, int targetEpoch, YieldCnn network, Device device, Func<PrunableLayer, Tensor>? weightOf)
    {
        Stage = stage;
        Epoch = epoch;
        MaxEpoch = maxEpoch;
        TargetEpoch = targetEpoch;
        _network = network;
        _device = device;
        _weightOf = weightOf;
    }

    /// <summary>The stage name, as in <see cref="TrainingProgress.Stage"/> (e.g. "fine-tuning (IMP round 1)").</summary>
    public string Stage { get; }

    /// <summary>The 1-based epoch within the stage.</summary>
    public int Epoch { get; }

    /// <summary>The number of epochs of the stage.</summary>
    public int MaxEpoch { get; }

    /// <summary>Whether this epoch trained on the target data (training, fine-tuning and its IMP rounds, Mix Training, Bi-RPT).</summary>
    public bool TrainsOnTarget => TargetEpoch > 0;

    /// <summary>
    /// The 1-based count of target-data epochs of this fit so far, across stages and IMP rounds (fine-tuning then each
    /// transfer round continue the count); 0 for pre-training epochs, which see only the source data.
    /// </summary>
    public int TargetEpoch { get; }

    /// <summary>Regression or classification.</summary>
    public YieldTask Task => _network.Options.Task;

    /// <summary>
    /// Predicts every image with the current weights: N values in GPa (regression) or N × ClassCount probabilities,
    /// row-major (classification), as <see cref="TrainedYieldModel.Predict"/> does.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called after the callback returned.</exception>
    public float[] Predict(float[] images, int batchSize = 256)
    {
        if (_closed)
        {
            throw new InvalidOperationException("TrainingEpoch.Predict is only valid inside the EpochCompleted callback.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Predictor.Run(_network, _device, images, YieldHead.Target, batchSize, Task == YieldTask.Classification, _weightOf);
    }

    /// <summary>The most probable class of every image with the current weights (classification only).</summary>
    public int[] PredictClasses(float[] images, int batchSize = 256)
    {
        if (Task != YieldTask.Classification)
        {
            throw new InvalidOperationException("PredictClasses needs a classification network; this one does regression.");
        }

        var probabilities = Predict(images, batchSize);
        var classes = _network.Options.ClassCount;
        var result = new int[probabilities.Length / classes];
        for (var row = 0; row < result.Length; row++)
        {
            result[row] = ArgMax.Of(probabilities.AsSpan(row * classes, classes));
        }

        return result;
    }

    /// <summary>
    /// Runs <paramref name="callback"/> for this epoch with the network in evaluation mode (batch-norm statistics frozen),
    /// then returns it to training mode whatever the callback did.
    /// </summary>
    internal void Report(Action<TrainingEpoch> callback)
    {
        _network.eval();
        try
        {
            callback(this);
        }
        finally
        {
            _closed = true;
            _network.train();
        }
    }
}
