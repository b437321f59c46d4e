using XYield.ML.Chemistry;

namespace XYield.ML.Transforms;

/// <summary>Which elements a composition vector has slots for.</summary>
public enum ElementSet
{
    /// <summary>The 11 X-Yield palette elements, in palette order (default).</summary>
    Palette,

    /// <summary>All 118 elements, in order of atomic number.</summary>
    All,
}

/// <summary>The slots of an <see cref="ElementSet"/>.</summary>
internal static class ElementSlots
{
    private static readonly string[] AllSymbols = PeriodicTable.Elements.Select(e => e.Symbol).ToArray();

    public static IReadOnlyList<string> Symbols(ElementSet set) => set switch
    {
        ElementSet.Palette => Chemistry.Palette.Symbols,
        ElementSet.All => AllSymbols,
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Unknown element set."),
    };

    /// <summary>The slot of <paramref name="element"/>, or -1 when the set has none for it.</summary>
    public static int SlotOf(ElementSet set, Element element) =>
        set == ElementSet.All ? element.AtomicNumber - 1 : Chemistry.Palette.IndexOf(element.Symbol);
}
