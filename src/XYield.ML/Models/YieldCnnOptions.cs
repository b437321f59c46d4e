namespace XYield.ML.Models;

/// <summary>
/// The architecture of a <see cref="YieldCnn"/> (three convolutions and an MLP, Chen et al., CPAL 2024). Everything needed to rebuild the network
/// before loading its weights, so it is saved with them.
/// </summary>
public sealed record YieldCnnOptions
{
    /// <summary>The input image shape. Default: 2 × 9 × 18.</summary>
    public ImageShape ImageShape { get; init; } = ImageShape.PeriodicTable;

    /// <summary>Output channels of the three convolutions. Default: 32, 64, 64.</summary>
    public IReadOnlyList<int> ConvolutionWidths { get; init; } = [32, 64, 64];

    /// <summary>Width of the hidden layer of the MLP. Default: 128.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <summary>Regression (one output) or classification (<see cref="ClassCount"/> logits). Default: regression.</summary>
    public YieldTask Task { get; init; } = YieldTask.Regression;

    /// <summary>Number of classes for classification. Default: 5, the X-Yield bins [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2), [2, ∞) GPa.</summary>
    public int ClassCount { get; init; } = 5;

    /// <summary>Whether the network has a second (source) head on the same trunk, for Mix Training. Default: false.</summary>
    public bool HasSourceHead { get; init; }

    /// <summary>Number of outputs of each head: 1 for regression, <see cref="ClassCount"/> for classification.</summary>
    public int OutputCount => Task == YieldTask.Regression ? 1 : ClassCount;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid member.</summary>
    public void Validate()
    {
        ImageShape.Validate(nameof(ImageShape));
        if (ConvolutionWidths is null || ConvolutionWidths.Count != 3 || ConvolutionWidths.Any(w => w <= 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(ConvolutionWidths),
                ConvolutionWidths is null ? "null" : string.Join(", ", ConvolutionWidths),
                "ConvolutionWidths must hold exactly three positive widths.");
        }

        if (HiddenWidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenWidth), HiddenWidth, "HiddenWidth must be positive.");
        }

        if (!Enum.IsDefined(Task))
        {
            throw new ArgumentOutOfRangeException(nameof(Task), Task, "Task must be Regression or Classification.");
        }

        if (Task == YieldTask.Classification && ClassCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ClassCount), ClassCount, "ClassCount must be at least 2 for classification.");
        }
    }

    /// <inheritdoc/>
    public bool Equals(YieldCnnOptions? other) =>
        other is not null
        && ImageShape == other.ImageShape
        && ConvolutionWidths.SequenceEqual(other.ConvolutionWidths)
        && HiddenWidth == other.HiddenWidth
        && Task == other.Task
        && ClassCount == other.ClassCount
        && HasSourceHead == other.HasSourceHead;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(ImageShape, ConvolutionWidths.Count > 0 ? ConvolutionWidths[0] : 0, HiddenWidth, Task, ClassCount, HasSourceHead);
}
