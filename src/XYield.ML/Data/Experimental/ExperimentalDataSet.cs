using System.Globalization;
using XYield.ML.Chemistry;
using XYield.ML.Data;

namespace XYield.ML.Data.Experimental;

/// <summary>
/// The X-Yield experimental ("high-quality") set: refractory high-entropy alloys with measured yield strength.
/// <see cref="Load"/> derives it from Borg et al.'s MPEA data set (Sci. Data 7, 430 (2020)) by the
/// X-Yield rules (palette elements only, BCC, measured yield strength and test temperature): 238 points on the published file.
/// </summary>
public sealed class ExperimentalDataSet : IReadOnlyList<ExperimentalPoint>
{
    private const string FormulaColumn = "FORMULA";
    private const string PhaseColumn = "PROPERTY: BCC/FCC/other";
    private const string YieldStrengthColumn = "PROPERTY: YS (MPa)";
    private const string TemperatureColumn = "PROPERTY: Test temperature ($^\\circ$C)";
    private const string DoiColumn = "REFERENCE: doi";

    /// <summary>Lowest test temperature kept, °C (room temperature: colder tests are left out).</summary>
    public const double MinimumTemperatureCelsius = 20;

    /// <summary>Fractions are rounded to this many decimals to decide which rows are the same alloy.</summary>
    public const int MergeDecimals = 3;

    private readonly ExperimentalPoint[] _points;

    /// <summary>Wraps points, e.g. a subset made by a split.</summary>
    public ExperimentalDataSet(IEnumerable<ExperimentalPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
    }

    /// <summary>The number of points.</summary>
    public int Count => _points.Length;

    /// <summary>The point at <paramref name="index"/>.</summary>
    public ExperimentalPoint this[int index] => _points[index];

    /// <summary>
    /// Loads the MPEA file and derives the experimental set: rows whose formula uses only palette elements, whose
    /// phase is BCC, with a yield strength and a test temperature ≥ 20 °C; fractions normalised, T in K, YS in GPa;
    /// rows with the same composition (fractions to 3 decimals) and temperature merged into one point with the mean YS.
    /// </summary>
    /// <param name="path">The file or its folder; null for <c>XYIELD_DATA</c> or else the copy embedded in XYield.ML (see <see cref="ExperimentalDataLocator"/>).</param>
    /// <exception cref="InvalidDataException">A required column is missing, or a row that passes the filter has an
    /// unreadable formula, temperature or yield strength (the message names the line).</exception>
    public static ExperimentalDataSet Load(string? path = null) => LoadFrom(ExperimentalDataLocator.Locate(path));

    /// <summary>
    /// Derives the set, as <see cref="Load"/> does, from the copy of the MPEA file embedded in XYield.ML, ignoring
    /// <c>XYIELD_DATA</c>: the published 238 points in any environment.
    /// </summary>
    public static ExperimentalDataSet LoadEmbedded() => LoadFrom(ExperimentalDataLocator.EmbeddedCopy);

    private static ExperimentalDataSet LoadFrom(ExperimentalDataLocator.Location location)
    {
        CsvTable table;
        using (var stream = location.Open())
        {
            table = CsvTable.Read(stream, location.Path);
        }

        var formula = table.Require(FormulaColumn, "the alloy formula");
        var phase = table.Require(PhaseColumn, "BCC, FCC or other");
        var strength = table.Require(YieldStrengthColumn, "yield strength in MPa");
        var temperature = table.Require(TemperatureColumn, "test temperature in °C");
        var doi = table.IndexOf(DoiColumn);

        var kept = new List<Measurement>();
        foreach (var (line, fields) in table.Rows)
        {
            var composition = ParseFormula(table.Path, line, fields[formula]);
            if (!composition.IsWithinPalette || !string.Equals(fields[phase].Trim(), "BCC", StringComparison.OrdinalIgnoreCase) ||
                string.IsNullOrWhiteSpace(fields[strength]) || string.IsNullOrWhiteSpace(fields[temperature]))
            {
                continue;
            }

            var celsius = ParseNumber(table.Path, line, TemperatureColumn, fields[temperature]);
            if (celsius < MinimumTemperatureCelsius)
            {
                continue;
            }

            var mpa = ParseNumber(table.Path, line, YieldStrengthColumn, fields[strength]);
            if (mpa <= 0)
            {
                throw new InvalidDataException($"'{table.Path}' line {line}: yield strength {mpa.ToString(CultureInfo.InvariantCulture)} MPa is not positive.");
            }

            var source = new SourceRow(line, fields[formula], mpa, doi >= 0 && fields[doi].Length > 0 ? fields[doi] : null);
            kept.Add(new Measurement(composition, celsius + 273.15, mpa / 1000, source));
        }

        if (table.Rows.Count == 0)
        {
            throw new InvalidDataException($"'{table.Path}' has a header but no data rows; expected the MPEA data set (one row per measurement).");
        }

        if (kept.Count == 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"'{table.Path}' has no usable rows: of its {table.Rows.Count} data row(s), none is a BCC alloy of the palette elements ({string.Join(", ", Palette.Symbols)}) with a yield strength and a test temperature of at least {MinimumTemperatureCelsius} °C."));
        }

        return new ExperimentalDataSet(Merge(kept));
    }

    /// <summary>The number of points for each number of elements (3 → 17, 4 → 78, 5 → 115, 6 → 28 on the MPEA file).</summary>
    public IReadOnlyDictionary<int, int> CountByElementCount() =>
        _points.GroupBy(p => p.ElementCount).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <inheritdoc />
    public IEnumerator<ExperimentalPoint> GetEnumerator() => ((IEnumerable<ExperimentalPoint>)_points).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    internal static Composition ParseFormula(string path, int line, string formula)
    {
        try
        {
            return Composition.Parse(formula);
        }
        catch (FormulaParseException e)
        {
            throw new InvalidDataException($"'{path}' line {line}: {e.Message}", e);
        }
    }

    internal static double ParseNumber(string path, int line, string column, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InvalidDataException($"'{path}' line {line}: column '{column}' holds '{text}', which is not a number.");
        }

        return value;
    }

    /// <summary>Merges measurements of the same alloy (fractions to 3 decimals) at the same temperature, keeping first-seen order.</summary>
    internal static IEnumerable<ExperimentalPoint> Merge(IEnumerable<Measurement> measurements) =>
        measurements
            .GroupBy(m => (m.Composition.ToKey(MergeDecimals), Math.Round(m.TemperatureKelvin, 6)))
            .Select(g => new ExperimentalPoint(
                g.First().Composition,
                g.First().TemperatureKelvin,
                g.Average(m => m.YieldStrengthGpa),
                g.Select(m => m.Source).ToArray()));

    internal sealed record Measurement(Composition Composition, double TemperatureKelvin, double YieldStrengthGpa, SourceRow Source);
}
