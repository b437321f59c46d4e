using System.Globalization;
using XYield.ML.Models;

namespace XYield.ML.Training;

/// <summary>
/// A validated in-memory data set: pseudo-images (row-major, one image of <see cref="ImageShape.Size"/> floats per
/// row) with a regression label (GPa) or a class label per row. The arrays are used as given, not copied:
/// do not change them while a fit runs.
/// </summary>
public sealed class TrainingSet
{
    private TrainingSet(float[] images, ImageShape shape, YieldTask task, float[]? targets, long[]? classes, int classCount)
    {
        Images = images;
        Shape = shape;
        Task = task;
        Targets = targets;
        Classes = classes;
        ClassCount = classCount;
        Count = images.Length / shape.Size;
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>The shape of each image.</summary>
    public ImageShape Shape { get; }

    /// <summary>Regression or classification.</summary>
    public YieldTask Task { get; }

    /// <summary>Number of classes (classification), 1 for regression.</summary>
    public int ClassCount { get; }

    internal float[] Images { get; }

    internal float[]? Targets { get; }

    internal long[]? Classes { get; }

    /// <summary>A regression set: each row's yield strength in GPa.</summary>
    /// <param name="images">Count × <paramref name="shape"/>.Size floats, row-major.</param>
    /// <param name="labels">One finite label per row.</param>
    /// <param name="shape">The image shape.</param>
    /// <exception cref="ArgumentException">Empty set, wrong sizes, or a non-finite value; the message names the row.</exception>
    public static TrainingSet ForRegression(float[] images, float[] labels, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var count = CheckImages(images, shape);
        CheckCount(labels.Length, count, nameof(labels));
        for (var row = 0; row < labels.Length; row++)
        {
            if (!float.IsFinite(labels[row]))
            {
                throw new ArgumentException(Format($"Label of row {row} is {labels[row]}; expected a finite yield strength."), nameof(labels));
            }
        }

        return new TrainingSet(images, shape, YieldTask.Regression, labels, null, 1);
    }

    /// <summary>A classification set: each row's class index in 0 … <paramref name="classCount"/> − 1.</summary>
    /// <param name="images">Count × <paramref name="shape"/>.Size floats, row-major.</param>
    /// <param name="labels">One class index per row.</param>
    /// <param name="classCount">Number of classes (5 for the YS bins).</param>
    /// <param name="shape">The image shape.</param>
    /// <exception cref="ArgumentException">Empty set, wrong sizes, a non-finite value or a class out of range; the message names the row.</exception>
    public static TrainingSet ForClassification(float[] images, int[] labels, int classCount, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var count = CheckImages(images, shape);
        CheckCount(labels.Length, count, nameof(labels));
        var classes = new long[labels.Length];
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] < 0 || labels[row] >= classCount)
            {
                throw new ArgumentException(
                    Format($"Label of row {row} is {labels[row]}; expected a class in 0..{classCount - 1}."), nameof(labels));
            }

            classes[row] = labels[row];
        }

        return new TrainingSet(images, shape, YieldTask.Classification, null, classes, classCount);
    }

    /// <summary>A copy of the given rows, in the given order (e.g. the training part of a cross-validation fold).</summary>
    internal TrainingSet Subset(IReadOnlyList<int> rows)
    {
        var size = Shape.Size;
        var images = new float[rows.Count * size];
        for (var i = 0; i < rows.Count; i++)
        {
            Images.AsSpan(rows[i] * size, size).CopyTo(images.AsSpan(i * size, size));
        }

        return new TrainingSet(images, Shape, Task, Targets is null ? null : rows.Select(r => Targets[r]).ToArray(),
            Classes is null ? null : rows.Select(r => Classes[r]).ToArray(), ClassCount);
    }

    /// <summary>Validates images alone (for prediction) and returns the row count.</summary>
    internal static int CheckImages(float[] images, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(images);
        shape.Validate(nameof(shape));
        if (images.Length == 0)
        {
            throw new ArgumentException("The data set is empty: expected at least one image.", nameof(images));
        }

        if (images.Length % shape.Size != 0)
        {
            throw new ArgumentException(
                Format($"images holds {images.Length} floats, which is not a whole number of {shape} images ({shape.Size} floats each)."),
                nameof(images));
        }

        for (var i = 0; i < images.Length; i++)
        {
            if (!float.IsFinite(images[i]))
            {
                throw new ArgumentException(
                    Format($"Row {i / shape.Size} of images has the non-finite value {images[i]} at position {i % shape.Size}; expected finite features."),
                    nameof(images));
            }
        }

        return images.Length / shape.Size;
    }

    private static void CheckCount(int labels, int images, string name)
    {
        if (labels != images)
        {
            throw new ArgumentException(Format($"There are {labels} labels for {images} images; expected one label per image."), name);
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
