using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Models;
using XYield.ML.Storage;

namespace XYield.ML.Training;

/// <summary>
/// Reads an <see cref="IDataView"/> into a <see cref="TrainingSet"/> for <see cref="TrainingEngine"/>, naming the column and
/// row of every problem: what the YieldCnn trainers do with their input, for callers that drive the engine themselves
/// (e.g. to pre-train once into a <see cref="PretrainedNetworkStore"/>).
/// </summary>
public static class TrainingDataReader
{
    /// <summary>Reads every row of <paramref name="data"/>.</summary>
    /// <param name="data">The data, e.g. <c>SimulatedDataset.CreateImages</c> or a featurised experimental set.</param>
    /// <param name="what">What the data is, for messages ("simulated data").</param>
    /// <param name="featureColumn">The pseudo-image column: a Vector&lt;Single&gt; of <paramref name="shape"/>'s size.</param>
    /// <param name="labelColumn">A Single yield strength in GPa (regression) or a key-typed class with <paramref name="classCount"/> keys.</param>
    /// <param name="task">Regression or classification.</param>
    /// <param name="classCount">The number of classes (classification).</param>
    /// <param name="shape">The image shape.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type; the message names it.</exception>
    /// <exception cref="InvalidDataException">A value is not finite, or a class key is out of range; the message names the row.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public static TrainingSet Read(IDataView data, string what, string featureColumn, string labelColumn, YieldTask task, int classCount, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var feature = data.Schema.GetColumnOrNull(featureColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(data), $"{what}: feature column '{featureColumn}' was not found; columns present: {Columns(data)}.");
        if (feature.Type is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single || size != shape.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(data),
                $"{what}: feature column '{featureColumn}' is {feature.Type}; expected a Vector<Single, {shape.Size}> pseudo-image ({shape}).");
        }

        var label = data.Schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(data), $"{what}: label column '{labelColumn}' was not found; columns present: {Columns(data)}.");
        CheckLabelType(label, what, task, classCount);

        // Presize when the view knows its length: 100,000 simulated images are 32 million floats.
        var rows = (int)Math.Min(data.GetRowCount() ?? 0, int.MaxValue / shape.Size);
        var images = new List<float>(rows * shape.Size);
        var regression = new List<float>(task == YieldTask.Regression ? rows : 0);
        var classes = new List<int>(task == YieldTask.Classification ? rows : 0);
        using var cursor = data.GetRowCursor([feature, label]);
        var getImage = cursor.GetGetter<VBuffer<float>>(feature);
        var image = default(VBuffer<float>);
        var readLabel = LabelReader(cursor, label, task);
        while (cursor.MoveNext())
        {
            getImage(ref image);
            foreach (var value in image.DenseValues())
            {
                if (!float.IsFinite(value))
                {
                    throw new InvalidDataException($"{what}: feature column '{featureColumn}' holds {value.ToString(CultureInfo.InvariantCulture)} at row {cursor.Position} (0-based); images must be finite.");
                }

                images.Add(value);
            }

            var y = readLabel();
            if (task == YieldTask.Regression)
            {
                if (!float.IsFinite(y))
                {
                    throw new InvalidDataException($"{what}: label column '{labelColumn}' holds {y.ToString(CultureInfo.InvariantCulture)} at row {cursor.Position} (0-based); expected a finite yield strength in GPa.");
                }

                regression.Add(y);
            }
            else
            {
                var key = (int)y;
                if (key < 1 || key > classCount)
                {
                    throw new InvalidDataException($"{what}: label column '{labelColumn}' holds key {key} at row {cursor.Position} (0-based); expected a class key 1…{classCount} (0 means a missing label).");
                }

                classes.Add(key - 1);
            }
        }

        if (images.Count == 0)
        {
            throw new ArgumentException($"{what}: the training data is empty; at least one row is needed.", nameof(data));
        }

        return task == YieldTask.Regression
            ? TrainingSet.ForRegression([.. images], [.. regression], shape)
            : TrainingSet.ForClassification([.. images], [.. classes], classCount, shape);
    }

    private static void CheckLabelType(DataViewSchema.Column label, string what, YieldTask task, int classCount)
    {
        var ok = task == YieldTask.Regression
            ? label.Type == NumberDataViewType.Single
            : label.Type is KeyDataViewType key && key.Count == (ulong)classCount && key.RawType == typeof(uint);
        if (!ok)
        {
            var expected = task == YieldTask.Regression
                ? "a Single yield strength in GPa"
                : $"a Key<UInt32, 0-{classCount - 1}> class label (e.g. from mlContext.Transforms.BinYieldStrength)";
            throw new ArgumentOutOfRangeException(nameof(label), $"{what}: label column '{label.Name}' is {label.Type}; expected {expected}.");
        }
    }

    private static Func<float> LabelReader(DataViewRow row, DataViewSchema.Column label, YieldTask task)
    {
        if (task == YieldTask.Regression)
        {
            var get = row.GetGetter<float>(label);
            var value = 0f;
            return () =>
            {
                get(ref value);
                return value;
            };
        }

        var getKey = row.GetGetter<uint>(label);
        var key = 0u;
        return () =>
        {
            getKey(ref key);
            return key;
        };
    }

    private static string Columns(IDataView data) => string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => c.Name));
}
