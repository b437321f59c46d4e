using XYield.ML.Chemistry;

namespace XYield.ML.Data.Experimental;

/// <summary>
/// Reads a user's own measurements: a CSV with a <c>Formula</c> column, a temperature column whose name gives
/// the unit (<c>Temperature_K</c> or <c>Temperature_C</c>) and a yield-strength column whose name gives the unit
/// (<c>YS_GPa</c> or <c>YS_MPa</c>); an optional <c>Doi</c> column. Every row becomes one point (no merging).
/// </summary>
public static class UserDataLoader
{
    /// <summary>Loads the file; every problem names the line and the column.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="requirePalette">When true (default), formulas must use only the X-Yield palette elements.</param>
    /// <exception cref="InvalidDataException">A missing or ambiguous column, or a row that cannot be read.</exception>
    public static ExperimentalDataSet Load(string path, bool requirePalette = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var table = CsvTable.Read(path);
        var formula = table.Require("Formula", "the alloy formula, e.g. MoNbTaW");
        var (temperature, toKelvin, temperatureName) = table.RequireOneOf("temperature",
            ("Temperature_K", 0.0), ("Temperature_C", 273.15));
        var (strength, mpaScale, strengthName) = table.RequireOneOf("yield strength",
            ("YS_GPa", 1.0), ("YS_MPa", 0.001));
        var doi = table.IndexOf("Doi");

        var points = new List<ExperimentalPoint>(table.Rows.Count);
        foreach (var (line, fields) in table.Rows)
        {
            var composition = ExperimentalDataSet.ParseFormula(table.Path, line, fields[formula]);
            if (requirePalette && !composition.IsWithinPalette)
            {
                throw new InvalidDataException(
                    $"'{table.Path}' line {line}: '{fields[formula]}' uses elements outside the X-Yield palette ({string.Join(", ", Palette.Symbols)}).");
            }

            var kelvin = ExperimentalDataSet.ParseNumber(table.Path, line, temperatureName, fields[temperature]) + toKelvin;
            if (kelvin <= 0)
            {
                throw new InvalidDataException($"'{table.Path}' line {line}: {temperatureName} gives {kelvin} K; temperatures must be above absolute zero.");
            }

            var value = ExperimentalDataSet.ParseNumber(table.Path, line, strengthName, fields[strength]);
            if (value <= 0)
            {
                throw new InvalidDataException($"'{table.Path}' line {line}: {strengthName} is {fields[strength]}; yield strengths must be positive.");
            }

            var gpa = value * mpaScale;
            var source = new SourceRow(line, fields[formula], gpa * 1000, doi >= 0 && fields[doi].Length > 0 ? fields[doi] : null);
            points.Add(new ExperimentalPoint(composition, kelvin, gpa, [source]));
        }

        if (points.Count == 0)
        {
            throw new InvalidDataException($"'{table.Path}' has a header but no data rows; add one row per measurement ({string.Join(", ", table.Header)}).");
        }

        return new ExperimentalDataSet(points);
    }
}
