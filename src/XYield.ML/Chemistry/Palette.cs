namespace XYield.ML.Chemistry;

/// <summary>
/// The X-Yield element palette: the 11 elements of the refractory high-entropy alloys in the benchmark,
/// in the fixed order used by every fraction vector, CSV column list and model in XYield.ML
/// (Chen et al., CPAL 2024).
/// </summary>
public static class Palette
{
    /// <summary>The palette symbols, in order: Al, Cr, Fe, Hf, Mo, Nb, Ta, Ti, V, W, Zr.</summary>
    public static IReadOnlyList<string> Symbols { get; } = ["Al", "Cr", "Fe", "Hf", "Mo", "Nb", "Ta", "Ti", "V", "W", "Zr"];

    /// <summary>The number of palette elements (11).</summary>
    public const int Count = 11;

    /// <summary>The position of <paramref name="symbol"/> in the palette, or -1 when it is not a palette element.</summary>
    public static int IndexOf(string symbol)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Symbols[i], symbol, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
