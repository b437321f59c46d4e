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
    private readonly IReadOnlyList<TrainedYieldModel> _members;
    private readonly string _featureColumn;
    private readonly int _size;
    private readonly int _outputs;
    private readonly int _rowWidth;
    private readonly bool _withDeviation;
    private readonly float[] _images;
    private readonly float[] _scores;
    private readonly float[] _memberScores;
    private readonly ExceptionDispatchInfo?[] _failures;
    private readonly double _spreadScale;
    private VBuffer<float> _buffer;

    /// <summary>
    /// Scores with one network, or with an ensemble's members: then a row holds their mean output, and for regression also
    /// their sample standard deviation times <paramref name="spreadScale"/> (row = [mean, sd]).
    /// </summary>
    public ScoreBatch(IReadOnlyList<TrainedYieldModel> members, string featureColumn, int capacity, double spreadScale = 1)
    {
        _spreadScale = spreadScale;
        _members = members;
        _featureColumn = featureColumn;
        var network = members[0].NetworkOptions;
        _size = network.ImageShape.Size;
        _outputs = network.OutputCount;
        _withDeviation = members.Count > 1 && network.Task == YieldTask.Regression;
        _rowWidth = _withDeviation ? 2 : _outputs;
        _images = new float[capacity * _size];
        _scores = new float[capacity * _rowWidth];
        _memberScores = members.Count > 1 ? new float[members.Count * capacity * _outputs] : [];
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
    public void Score(int count)
    {
        var images = _images.AsSpan(0, count * _size);
        if (_members.Count == 1)
        {
            _members[0].PredictChecked(images, _scores.AsSpan(0, count * _outputs), batchSize: count);
            return;
        }

        var block = count * _outputs;
        for (var k = 0; k < _members.Count; k++)
        {
            _members[k].PredictChecked(images, _memberScores.AsSpan(k * block, block), batchSize: count);
        }

        Aggregate(block);
    }

    /// <summary>The outputs of <paramref name="slot"/> (one score, [mean, sd] of a regression ensemble, or the class probabilities), or its failure.</summary>
    public ReadOnlySpan<float> Row(int slot)
    {
        _failures[slot]?.Throw();
        return _scores.AsSpan(slot * _rowWidth, _rowWidth);
    }

    // Mean over members (in double), and for regression the sample standard deviation (K − 1 in the denominator).
    private void Aggregate(int block)
    {
        var members = _members.Count;
        for (var i = 0; i < block; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < members; k++)
            {
                sum += _memberScores[(k * block) + i];
            }

            var mean = sum / members;
            if (!_withDeviation)
            {
                _scores[i] = (float)mean;
                continue;
            }

            var squares = 0.0;
            for (var k = 0; k < members; k++)
            {
                var d = _memberScores[(k * block) + i] - mean;
                squares += d * d;
            }

            _scores[2 * i] = (float)mean;
            _scores[(2 * i) + 1] = (float)(_spreadScale * Math.Sqrt(squares / (members - 1)));
        }
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
