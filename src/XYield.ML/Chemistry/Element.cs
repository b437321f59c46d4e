using XYield.ML.Data.Simulated;
namespace XYield.ML.Chemistry;

/// <summary>
/// A chemical element and its place in the periodic table and in XYield.ML's pseudo-image.
/// </summary>
/// <param name="Symbol">The IUPAC symbol, e.g. "Mo".</param>
/// <param name="AtomicNumber">Z, 1 (H) to 118 (Og).</param>
/// <param name="Period">The period, 1 to 7.</param>
/// <param name="Group">The IUPAC group 1 to 18; null for the f-block (La–Yb, Ac–No), which sit on their own rows.</param>
/// <param name="Cell">The element's cell in the 9 × 18 periodic-table grid of the pseudo-image (see <see cref="PeriodicTable"/>).</param>
public sealed record Element(string Symbol, int AtomicNumber, int Period, int? Group, PeriodicTableCell Cell);

/// <summary>
/// A cell of the 9 × 18 periodic-table grid, zero-based: rows 0–6 are periods 1–7, columns 0–17 are groups 1–18,
/// row 7 holds the lanthanides La–Yb and row 8 the actinides Ac–No, in columns 2–15 (groups 3–16).
/// </summary>
/// <param name="Row">Zero-based row, 0 to 8.</param>
/// <param name="Column">Zero-based column, 0 to 17.</param>
public readonly record struct PeriodicTableCell(int Row, int Column)
{
    /// <summary>Rows of the grid (7 periods plus the lanthanide and actinide rows).</summary>
    public const int Rows = 9;

    /// <summary>Columns of the grid (18 groups).</summary>
    public const int Columns = 18;

    /// <summary>The row-major index of the cell within one 9 × 18 plane.</summary>
    public int Index => (Row * Columns) + Column;
}
