namespace XYield.ML.Data;

/// <summary>
/// The column names every XYield.ML data view uses. Types: <see cref="Formula"/> Text; <see cref="Fractions"/>
/// a known-size vector of 11 Single in palette order with slot names; <see cref="ElementCount"/> Int32;
/// <see cref="Temperature"/> Single in K; <see cref="YieldStrength"/> Single in GPa.
/// </summary>
public static class ColumnNames
{
    /// <summary>The alloy formula as text, e.g. "Mo0.25 Nb0.25 Ta0.25 W0.25".</summary>
    public const string Formula = "Formula";

    /// <summary>Element fractions in palette order (Al, Cr, Fe, Hf, Mo, Nb, Ta, Ti, V, W, Zr).</summary>
    public const string Fractions = "Fractions";

    /// <summary>The number of elements in the alloy.</summary>
    public const string ElementCount = "ElementCount";

    /// <summary>Temperature in kelvin.</summary>
    public const string Temperature = "Temperature";

    /// <summary>Yield strength in GPa.</summary>
    public const string YieldStrength = "YieldStrength";
}
