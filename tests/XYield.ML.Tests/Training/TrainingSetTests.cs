using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Tests.Training;

public sealed class TrainingSetTests
{
    private static readonly ImageShape Shape = new(2, 3, 3);

    [Test]
    public void Valid_sets_report_their_count_and_task()
    {
        var regression = TrainingSet.ForRegression(new float[3 * 18], [0.1f, 0.2f, 0.3f], Shape);
        var classification = TrainingSet.ForClassification(new float[2 * 18], [0, 4], 5, Shape);

        Assert.That((regression.Count, regression.Task), Is.EqualTo((3, YieldTask.Regression)));
        Assert.That((classification.Count, classification.Task, classification.ClassCount), Is.EqualTo((2, YieldTask.Classification, 5)));
    }

    [Test]
    public void Non_finite_feature_names_the_row_and_position()
    {
        var images = new float[3 * 18];
        images[(2 * 18) + 7] = float.NaN;

        Assert.That(
            () => TrainingSet.ForRegression(images, [1f, 1f, 1f], Shape),
            Throws.ArgumentException.With.Message.Contains("Row 2 of images").And.Message.Contains("NaN at position 7"));
    }

    [Test]
    public void Non_finite_label_names_the_row() =>
        Assert.That(
            () => TrainingSet.ForRegression(new float[2 * 18], [1f, float.PositiveInfinity], Shape),
            Throws.ArgumentException.With.Message.Contains("Label of row 1 is ∞").Or.Message.Contains("Label of row 1 is Infinity"));

    [Test]
    public void Class_outside_the_classes_names_the_row_and_the_range() =>
        Assert.That(
            () => TrainingSet.ForClassification(new float[2 * 18], [0, 5], 5, Shape),
            Throws.ArgumentException.With.Message.Contains("Label of row 1 is 5; expected a class in 0..4"));

    [Test]
    public void Wrong_image_size_empty_set_and_label_count_are_refused()
    {
        Assert.That(
            () => TrainingSet.ForRegression(new float[20], [1f], Shape),
            Throws.ArgumentException.With.Message.Contains("20 floats").And.Message.Contains("18 floats each"));
        Assert.That(
            () => TrainingSet.ForRegression([], [], Shape),
            Throws.ArgumentException.With.Message.Contains("empty"));
        Assert.That(
            () => TrainingSet.ForRegression(new float[36], [1f], Shape),
            Throws.ArgumentException.With.Message.Contains("1 labels for 2 images"));
    }
}
