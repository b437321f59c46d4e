using XYield.ML.Chemistry;

namespace XYield.ML.Data.Experimental;

/// <summary>One point of the experimental ("high-quality") set: an alloy measured at a temperature.</summary>
/// <param name="Composition">The alloy, normalised to fractions.</param>
/// <param name="TemperatureKelvin">The test temperature in K.</param>
/// <param name="YieldStrengthGpa">The yield strength in GPa (the mean of the merged measurements).</param>
/// <param name="Sources">Where the measurements come from: one entry per merged source row.</param>
public sealed record ExperimentalPoint(
    Composition Composition,
    double TemperatureKelvin,
    double YieldStrengthGpa,
    IReadOnlyList<SourceRow> Sources)
{
    /// <summary>The number of elements in the alloy (its "alloy type": 3 = ternary …).</summary>
    public int ElementCount => Composition.ElementCount;
}

/// <summary>A row of a source file that contributed to a point.</summary>
/// <param name="RowNumber">The 1-based line number in the file (line 1 is the header).</param>
/// <param name="Formula">The formula as written in the file.</param>
/// <param name="YieldStrengthMpa">The yield strength given in that row, in MPa.</param>
/// <param name="Doi">The DOI of the publication, when the file gives one.</param>
public sealed record SourceRow(int RowNumber, string Formula, double YieldStrengthMpa, string? Doi);
