using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
namespace XYield.ML.Models;

/// <summary>The shape of one pseudo-image, channel-major (channels × height × width).</summary>
/// <param name="Channels">Number of channels (2 for the X-Yield pseudo-image: fractions and temperature).</param>
/// <param name="Height">Rows of the periodic-table grid (9).</param>
/// <param name="Width">Columns of the periodic-table grid (18).</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>The periodic-table pseudo-image: 2 channels (fractions, temperature) × 9 rows (periods, then lanthanides and actinides) × 18 groups.</summary>
    public static ImageShape PeriodicTable { get; } = new(2, 9, 18);

    /// <summary>Number of floats in one image.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Throws when a dimension is not positive.</summary>
    /// <param name="name">The name of the setting the shape came from, for the message.</param>
    internal void Validate(string name)
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
        {
            throw new ArgumentOutOfRangeException(name, this, $"Every dimension of {name} must be positive.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Channels} × {Height} × {Width}");
}
