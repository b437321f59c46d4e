using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.ML.Data;
using XYield.ML.Models;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Estimators;

/// <summary>
/// The network's outputs for up to <c>capacity</c> rows, computed in one forward pass: a cursor's batch, or the single
/// row of a <c>PredictionEngine</c> (capacity 1). Both paths run through here, so they give the same numbers. A row whose
/// image cannot be read or holds a non-finite value is scored as zeros and its failure raised when its scores are read.
/// </summary>
internal sealed class ScoreBatch
{
    private readonly TrainedYieldModel _model;
    private readonly string _featureColumn;
    private readonly int _size;
    private readonly int _outputs;
    private readonly float[] _images;
    private readonly float[] _scores;
    private readonly ExceptionDispatchInfo?[] _failures;
    private VBuffer<float> _buffer;

    public ScoreBatch(TrainedYieldModel model, string featureColumn, int capacity)
    {
        _model = model;
        _featureColumn = featureColumn;
        _size = model.NetworkOptions.ImageShape.Size;
        _outputs = model.NetworkOptions.OutputCount;
        _images = new float[capacity * _size];
        _scores = new float[capacity * _outputs];
        _failures = new ExceptionDispatchInfo?[capacity];
    }

    /// <summary>Reads the image of row <paramref name="slot"/> (at cursor <paramref name="position"/>) with <paramref name="read"/>.</summary>
    public void Load(int slot, long position, SlotGetter<VBuffer<float>> read)
    {
        var image = _images.AsSpan(slot * _size, _size);
        try
        {
            read(slot, ref _buffer);
            _buffer.CopyTo(image);
            _failures[slot] = CheckFinite(image, position);
        }
#pragma warning disable CA1031 // The row's own failure (an upstream featurizer's message): raised when the row's scores are read.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failures[slot] = ExceptionDispatchInfo.Capture(e);
        }

        if (_failures[slot] is not null)
        {
            image.Clear();
        }
    }

    /// <summary>Scores the first <paramref name="count"/> loaded rows in one forward pass.</summary>
    public void Score(int count) =>
        _model.PredictChecked(_images.AsSpan(0, count * _size), _scores.AsSpan(0, count * _outputs), batchSize: count);

    /// <summary>The outputs of <paramref name="slot"/> (one score, or the class probabilities), or its failure.</summary>
    public ReadOnlySpan<float> Row(int slot)
    {
        _failures[slot]?.Throw();
        return _scores.AsSpan(slot * _outputs, _outputs);
    }

    private ExceptionDispatchInfo? CheckFinite(ReadOnlySpan<float> image, long position)
    {
        for (var i = 0; i < image.Length; i++)
        {
            if (!float.IsFinite(image[i]))
            {
                var found = image[i].ToString("R", CultureInfo.InvariantCulture);
                return ExceptionDispatchInfo.Capture(new InvalidDataException(
                    $"{YieldCnnTrainer.ComponentName}: column '{_featureColumn}' holds {found} at row {position} (0-based), slot {i}; expected finite features."));
            }
        }

        return null;
    }
}
