using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Transforms;

namespace XYield.ML.Screening;

/// <summary>
/// One regression pipeline reduced to what screening needs, scored a batch at a time without ML.NET's row machinery: its
/// image layout and networks (an ensemble's members), its spread scale and, for the recommended model
/// (<see cref="TransferAndForestTransformer"/>), its forest and blend. Gives each candidate a mean and, when the pipeline
/// has one, a variance: an ensemble's (s · sample SD)², or the blend's calibrated spread squared.
/// </summary>
internal sealed class PipelineScorer : IDisposable
{
    private readonly Network[] _networks;
    private readonly double _spreadScale;
    private readonly TransferAndForestTransformer? _blend;
    // One context for every batch's in-memory view of forest features (screening calls Predict thousands of times).
    private readonly MLContext _ml = new();

    private PipelineScorer(Network[] networks, double spreadScale, TransferAndForestTransformer? blend)
    {
        _networks = networks;
        _spreadScale = spreadScale;
        _blend = blend;
    }

    /// <summary>Whether the pipeline gives a variance of its own (an ensemble or the recommended blend).</summary>
    public bool HasVariance => _blend is not null || _networks.Length > 1;

    /// <summary>Reads the parts of pipeline number <paramref name="index"/> (0-based) and copies its networks to <paramref name="device"/>.</summary>
    public static PipelineScorer Of(ITransformer pipeline, int index, string device)
    {
        var parts = XYieldModelCatalog.Parts(pipeline).ToArray();
        var featurizer = parts.OfType<PseudoImageFeaturizingTransformer>().FirstOrDefault()
            ?? throw new ArgumentException($"Model {index + 1} has no pseudo-image featuriser: screen with a pipeline saved by XYield.ML (FeaturizeAlloy + a YieldCnn trainer).");
        var cnn = parts.OfType<YieldCnnPredictionTransformer>().FirstOrDefault()
            ?? throw new ArgumentException($"Model {index + 1} has no yield-strength CNN.");
        if (cnn.Task != YieldTask.Regression)
        {
            throw new ArgumentException($"Model {index + 1} is a classification model; screening ranks predicted yield strengths and needs regression models.");
        }

        var encoder = new PseudoImageEncoder(featurizer.Layout);
        var onCpu = Runtime.TorchDevices.Resolve(device, allowCpuFallback: false, log: null).type == TorchSharp.DeviceType.CPU;
        var networks = new List<Network>();
        try
        {
            foreach (var member in cnn.Members)
            {
                networks.Add(onCpu ? new Network(encoder, member, owned: false) : Network.CopyTo(encoder, member, device));
            }
        }
        catch
        {
            networks.ForEach(n => n.Dispose());
            throw;
        }

        return new PipelineScorer([.. networks], cnn.SpreadScale, parts.OfType<TransferAndForestTransformer>().FirstOrDefault());
    }

    /// <summary>Each candidate's mean and variance (NaN without one), in GPa and GPa².</summary>
    public (double[] Mean, double[] Variance) Predict(CandidateBatch batch)
    {
        var count = batch.Count;
        var sum = new double[count];
        var squares = new double[count];
        foreach (var network in _networks)
        {
            var predictions = network.Predict(batch);
            for (var i = 0; i < count; i++)
            {
                sum[i] += predictions[i];
                squares[i] += (double)predictions[i] * predictions[i];
            }
        }

        var k = _networks.Length;
        var mean = new double[count];
        var variance = new double[count];
        var forest = _blend is null ? null : Forest(batch);
        var spread = _blend is null ? default : new BlendSpread(_blend.SpreadFloor, _blend.SpreadScale);
        for (var i = 0; i < count; i++)
        {
            var a = sum[i] / k;
            // The members' sample SD times the CNN's own scale (1 inside the recommended model, which calibrates the blend).
            var members = k > 1 ? _spreadScale * Math.Sqrt(Math.Max(0, (squares[i] - (k * a * a)) / (k - 1))) : 0;
            if (forest is null)
            {
                mean[i] = a;
                variance[i] = k > 1 ? members * members : double.NaN;
            }
            else
            {
                // As the blend's own columns: the CNN's mean (float) and the forest's score averaged, the calibrated spread.
                var cnn = (double)(float)a;
                mean[i] = BlendSpread.Mean(cnn, forest[i]);
                variance[i] = Math.Pow(spread.StandardDeviation(cnn, forest[i], members), 2);
            }
        }

        return (mean, variance);
    }

    /// <summary>Releases the networks copied to a device other than the CPU.</summary>
    public void Dispose()
    {
        foreach (var network in _networks)
        {
            network.Dispose();
        }
    }

    // The forest's prediction of every candidate, through its ML.NET transformer on an in-memory view of the batch's features.
    private float[] Forest(CandidateBatch batch)
    {
        var rows = new ForestRow[batch.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var features = new float[ForestFeaturesTransformer.FeatureCount];
            ForestFeaturesTransformer.Write(batch.Fractions(i), batch.Kelvin(i), features);
            rows[i] = new ForestRow { ForestFeatures = features };
        }

        return _blend!.Forest.Transform(_ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score").ToArray();
    }

    /// <summary>One network with the pipeline's image layout.</summary>
    private sealed class Network(PseudoImageEncoder encoder, TrainedYieldModel model, bool owned) : IDisposable
    {
        private float[] _images = [];

        // A copy on the device (the pipeline's networks stay where they were loaded, on the CPU).
        public static Network CopyTo(PseudoImageEncoder encoder, TrainedYieldModel model, string device)
        {
            using var bytes = new MemoryStream();
            model.Save(bytes);
            bytes.Position = 0;
            return new Network(encoder, TrainedYieldModel.Load(bytes, device), owned: true);
        }

        public void Dispose()
        {
            if (owned)
            {
                model.Dispose();
            }
        }

        public float[] Predict(CandidateBatch batch)
        {
            var size = model.NetworkOptions.ImageShape.Size;
            if (_images.Length != batch.Capacity * size)
            {
                _images = new float[batch.Capacity * size];
            }

            for (var i = 0; i < batch.Count; i++)
            {
                encoder.Encode(batch.Fractions(i), batch.Kelvin(i), _images.AsSpan(i * size, size));
            }

            // A full batch (all but the last) passes the buffer itself; only a short last batch is copied.
            var length = batch.Count * size;
            return model.Predict(length == _images.Length ? _images : _images[..length], batch.Capacity);
        }
    }
}
