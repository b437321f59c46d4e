using System.Collections.Frozen;

namespace XYield.ML.Chemistry;

/// <summary>
/// The 118 elements with their period, group and pseudo-image cell. The 9 × 18 layout: periods 1–7 as rows, groups 1–18
/// as columns, lanthanides La–Yb and actinides Ac–No on rows 8 and 9 (columns 3–16), Lu and Lr in group 3 of periods 6 and 7.
/// </summary>
public static class PeriodicTable
{
    private static readonly Element[] ByNumber = ElementSymbols.ByAtomicNumber.Select((s, i) => Create(s, i + 1)).ToArray();

    private static readonly FrozenDictionary<string, Element> BySymbol =
        ByNumber.ToFrozenDictionary(e => e.Symbol, StringComparer.Ordinal);

    /// <summary>All elements in order of atomic number.</summary>
    public static IReadOnlyList<Element> Elements => ByNumber;

    /// <summary>The element with symbol <paramref name="symbol"/> (case-sensitive, e.g. "Nb").</summary>
    /// <exception cref="KeyNotFoundException">No element has that symbol.</exception>
    public static Element Get(string symbol) =>
        TryGet(symbol, out var element)
            ? element
            : throw new KeyNotFoundException($"'{symbol}' is not an element symbol (expected e.g. 'Mo', 'Nb'; symbols are case-sensitive).");

    /// <summary>Looks up an element by symbol (case-sensitive).</summary>
    public static bool TryGet(string symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Element? element) =>
        BySymbol.TryGetValue(symbol, out element);

    /// <summary>Looks up an element by symbol held in a span, without allocating.</summary>
    internal static bool TryGet(ReadOnlySpan<char> symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Element? element) =>
        BySymbol.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(symbol, out element);

    /// <summary>The element with atomic number <paramref name="atomicNumber"/> (1–118).</summary>
    public static Element Get(int atomicNumber) =>
        atomicNumber is >= 1 and <= 118
            ? ByNumber[atomicNumber - 1]
            : throw new ArgumentOutOfRangeException(nameof(atomicNumber), atomicNumber, "Atomic numbers run from 1 to 118.");

    private static Element Create(string symbol, int z)
    {
        var period = z switch { <= 2 => 1, <= 10 => 2, <= 18 => 3, <= 36 => 4, <= 54 => 5, <= 86 => 6, _ => 7 };
        int? group = (period, z) switch
        {
            (1, 1) => 1,
            (1, _) => 18,
            (2 or 3, _) => Offset(z, period == 2 ? 3 : 11) is var i && i < 2 ? i + 1 : i + 11,
            (4 or 5, _) => Offset(z, period == 4 ? 19 : 37) + 1,
            (6, >= 57 and <= 70) or (7, >= 89 and <= 102) => null,
            (6, _) => z <= 56 ? z - 54 : z - 68,
            _ => z <= 88 ? z - 86 : z - 100,
        };
        var cell = group is { } g
            ? new PeriodicTableCell(period - 1, g - 1)
            : new PeriodicTableCell(period == 6 ? 7 : 8, 2 + z - (period == 6 ? 57 : 89));
        return new Element(symbol, z, period, group, cell);
    }

    private static int Offset(int z, int firstOfPeriod) => z - firstOfPeriod;
}
