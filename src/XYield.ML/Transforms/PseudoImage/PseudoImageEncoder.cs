using XYield.ML.Chemistry;

namespace XYield.ML.Transforms;

/// <summary>
/// Writes pseudo-images: a pure function of (composition, temperature, layout), allocation-free per image.
/// </summary>
public sealed class PseudoImageEncoder
{
    private readonly int[] _paletteCells;
    private readonly int[] _allCells;

    /// <summary>Creates an encoder for <paramref name="layout"/>.</summary>
    public PseudoImageEncoder(PseudoImageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _paletteCells = Palette.Symbols.Select(s => layout.CellOf(PeriodicTable.Get(s))).ToArray();
        _allCells = [.. layout.CellsByAtomicNumber];
    }

    /// <summary>The element→cell layout in use.</summary>
    public PseudoImageLayout Layout { get; }

    /// <summary>
    /// Writes the image of <paramref name="fractions"/> at <paramref name="kelvin"/> into <paramref name="image"/> (length 324):
    /// 11 values in palette order, or 118 values by atomic number.
    /// </summary>
    public void Encode(ReadOnlySpan<float> fractions, double kelvin, Span<float> image)
    {
        ReadOnlySpan<int> cells = fractions.Length switch
        {
            Palette.Count => _paletteCells,
            118 => _allCells,
            _ => throw new ArgumentException($"Expected {Palette.Count} fractions in palette order or 118 by atomic number, got {fractions.Length}.", nameof(fractions)),
        };
        CheckLength(image);
        var plane = image[..PseudoImageShape.PlaneLength];
        plane.Clear();
        for (var i = 0; i < cells.Length; i++)
        {
            plane[cells[i]] = fractions[i];
        }

        image[PseudoImageShape.PlaneLength..].Fill(PseudoImageShape.NormalizeTemperature(kelvin));
    }

    /// <summary>Writes the image of any composition (elements outside the palette included) into <paramref name="image"/>.</summary>
    public void Encode(Composition composition, double kelvin, Span<float> image)
    {
        ArgumentNullException.ThrowIfNull(composition);
        CheckLength(image);
        var fractions = image[..PseudoImageShape.PlaneLength];
        fractions.Clear();
        foreach (var c in composition.Components)
        {
            fractions[Layout.CellOf(c.Element)] = (float)c.Fraction;
        }

        image[PseudoImageShape.PlaneLength..].Fill(PseudoImageShape.NormalizeTemperature(kelvin));
    }

    /// <summary>A new image of <paramref name="composition"/> at <paramref name="kelvin"/>.</summary>
    public float[] Encode(Composition composition, double kelvin)
    {
        var image = new float[PseudoImageShape.Length];
        Encode(composition, kelvin, image);
        return image;
    }

    private static void CheckLength(Span<float> image)
    {
        if (image.Length != PseudoImageShape.Length)
        {
            throw new ArgumentException($"A pseudo-image holds {PseudoImageShape.Length} values (2 × 9 × 18), got a buffer of {image.Length}.", nameof(image));
        }
    }
}
