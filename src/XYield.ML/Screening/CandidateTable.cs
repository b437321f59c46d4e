using System.Globalization;
using System.Text;
using XYield.ML.Chemistry;
using XYield.ML.Data.Experimental;
using XYield.ML.Storage;

namespace XYield.ML.Screening;

/// <summary>
/// Scores a CSV of candidates: a <c>Formula</c> column and a temperature column whose name gives the unit
/// (<c>Temperature_K</c>, <c>Temperature_C</c>, or <c>Temperature</c> in K). The output keeps every input column and row in
/// order and adds <c>ys_gpa</c>, <c>ys_std_gpa</c> (empty for a single model), <c>mc_gpa</c> (the Maresca–Curtin
/// estimate), <c>in_domain</c> (yes, no, or unknown for a model without a domain), <c>domain_note</c> and <c>reason</c>:
/// a row that cannot be scored (an unreadable formula, an element outside the palette, a bad temperature) keeps its
/// place with empty predictions and the reason, never dropped.
/// </summary>
public static class CandidateTable
{
    /// <summary>The columns added to every row, in order.</summary>
    public static IReadOnlyList<string> AddedColumns { get; } = ["ys_gpa", "ys_std_gpa", "mc_gpa", "in_domain", "domain_note", "reason"];

    /// <summary>Scores <paramref name="inputPath"/> and writes <paramref name="outputPath"/> atomically.</summary>
    /// <param name="inputPath">The candidates CSV.</param>
    /// <param name="outputPath">The scored CSV to write (may not be the input).</param>
    /// <param name="screener">The model or ensemble.</param>
    /// <param name="cancellation">Checked between batches; nothing is written when cancelled.</param>
    /// <exception cref="InvalidDataException">The file lacks the columns, or already has one of <see cref="AddedColumns"/>.</exception>
    public static CandidateTableSummary Score(string inputPath, string outputPath, YieldScreener screener, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentNullException.ThrowIfNull(screener);
        if (string.Equals(Path.GetFullPath(inputPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
        {
            throw new ArgumentException($"The output '{outputPath}' is the input file; choose another path so the candidates are kept.");
        }

        var table = CsvTable.Read(inputPath);
        if (AddedColumns.FirstOrDefault(c => table.IndexOf(c) >= 0) is { } clash)
        {
            throw new InvalidDataException($"'{table.Path}' already has a column '{clash}', which the scored file adds; rename it.");
        }

        var formula = table.Require("Formula", "the alloy formula, e.g. MoNbTaW");
        var (temperature, offset, _) = table.RequireOneOf("temperature", ("Temperature_K", 0), ("Temperature_C", 273.15), ("Temperature", 0));
        var points = new List<(float[], double)>();
        var reasons = new string?[table.Rows.Count];
        var pointOfRow = new int[table.Rows.Count];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var fields = table.Rows[r].Fields;
            reasons[r] = Check(fields[formula], fields[temperature], offset, out var fractions, out var kelvin);
            pointOfRow[r] = reasons[r] is null ? points.Count : -1;
            if (reasons[r] is null)
            {
                points.Add((fractions!, kelvin));
            }
        }

        var scored = screener.ScorePoints(points, cancellation: cancellation);
        var text = new StringBuilder();
        text.AppendJoin(',', table.Header.Select(Quote).Concat(AddedColumns)).Append('\n');
        var inv = CultureInfo.InvariantCulture;
        var outside = 0;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            text.AppendJoin(',', table.Rows[r].Fields.Select(Quote)).Append(',');
            if (pointOfRow[r] < 0)
            {
                text.Append(",,,,,").Append(Quote(reasons[r]!)).Append('\n');
                continue;
            }

            var p = scored[pointOfRow[r]];
            outside += p.Domain is { InDomain: false } ? 1 : 0;
            text.Append(p.Mean.ToString("0.####", inv)).Append(',')
                .Append(double.IsNaN(p.StandardDeviation) ? "" : p.StandardDeviation.ToString("0.####", inv)).Append(',')
                .Append(p.MarescaCurtin.ToString("0.####", inv)).Append(',')
                .Append(p.Domain is { } d ? (d.InDomain ? "yes" : "no") : "unknown").Append(',')
                .Append(Quote(p.Domain?.Note ?? "")).Append(',')
                .Append(p.Mean < 0 ? "negative prediction: the model extrapolates, do not use this value" : "").Append('\n');
        }

        AtomicFile.WriteAllText(Path.GetFullPath(outputPath), text.ToString());
        return new CandidateTableSummary(table.Rows.Count, points.Count, table.Rows.Count - points.Count, outside);
    }

    // Null when the row can be scored; else why not, in words a user can act on.
    private static string? Check(string formula, string temperature, double offset, out float[]? fractions, out double kelvin)
    {
        fractions = null;
        kelvin = double.NaN;
        if (!Composition.TryParse(formula, out var composition))
        {
            return $"unreadable formula '{formula}'";
        }

        if (!composition.IsWithinPalette)
        {
            return $"'{formula}' uses elements outside the palette ({string.Join(", ", Palette.Symbols)})";
        }

        if (!double.TryParse(temperature, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return $"temperature '{temperature}' is not a number (use a point as the decimal separator)";
        }

        kelvin = value + offset;
        if (kelvin <= 0 || !float.IsFinite((float)kelvin) || (float)kelvin <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"temperature {kelvin} K is not above absolute zero or not representable");
        }

        fractions = [.. composition.ToPaletteFractions().Select(v => (float)v)];
        return null;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])))
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}

/// <summary>What <see cref="CandidateTable.Score"/> did.</summary>
/// <param name="Rows">Rows in the input.</param>
/// <param name="Scored">Rows with a prediction.</param>
/// <param name="Unscorable">Rows written with a reason instead.</param>
/// <param name="OutsideDomain">Scored rows outside the model's applicability domain.</param>
public sealed record CandidateTableSummary(int Rows, int Scored, int Unscorable, int OutsideDomain);
