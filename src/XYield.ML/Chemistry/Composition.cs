using System.Globalization;
using System.Text;
using XYield.ML.Data.Simulated;

namespace XYield.ML.Chemistry;

/// <summary>
/// An alloy composition: elements with atomic fractions that sum to 1, kept in alphabetical order of symbol.
/// Parses the formula styles of alloy papers and formats back to them.
/// </summary>
public sealed class Composition : IEquatable<Composition>
{
    private readonly ElementFraction[] _components;

    private Composition(ElementFraction[] components)
    {
        _components = components;
    }

    /// <summary>The elements and their fractions, in alphabetical order of symbol; every fraction is &gt; 0.</summary>
    public IReadOnlyList<ElementFraction> Components => _components;

    /// <summary>The number of elements (3 for a ternary alloy).</summary>
    public int ElementCount => _components.Length;

    /// <summary>
    /// Reads a formula, e.g. "MoNbTaTiW", "Al0.5CrNbTi", "Mo25Nb25Ta25Zr25" or "Al0.214 Nb0.714 Ta0.571".
    /// A missing amount is 1; amounts are normalised to fractions.
    /// </summary>
    /// <param name="formula">The formula text.</param>
    /// <param name="allowedElements">When given, an element outside this set is an error (e.g. <see cref="Palette.Symbols"/>).</param>
    /// <exception cref="FormulaParseException">The text is empty, names an unknown or disallowed element, repeats one,
    /// or has a negative, zero or non-numeric amount, or the amounts sum to zero.</exception>
    public static Composition Parse(string formula, IEnumerable<string>? allowedElements = null)
    {
        var allowed = allowedElements switch
        {
            null => null,
            IReadOnlySet<string> set => set,
            _ => new HashSet<string>(allowedElements, StringComparer.Ordinal),
        };
        var parts = FormulaParser.Parse(formula, allowed);
        return FromAmounts(parts.Select(p => (p.Element.Symbol, p.Amount)));
    }

    /// <summary>Reads a formula; false when <see cref="Parse"/> would throw.</summary>
    public static bool TryParse(string formula, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Composition? composition)
    {
        try
        {
            composition = Parse(formula);
            return true;
        }
        catch (FormulaParseException)
        {
            composition = null;
            return false;
        }
    }

    /// <summary>Builds a composition from (symbol, amount) pairs; amounts are normalised, zero amounts are left out.</summary>
    /// <exception cref="ArgumentException">An unknown or repeated symbol, a negative or non-finite amount, or a zero total.</exception>
    public static Composition FromAmounts(IEnumerable<(string Symbol, double Amount)> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var list = amounts.ToList();
        foreach (var (symbol, amount) in list)
        {
            if (!PeriodicTable.TryGet(symbol, out _))
            {
                throw new ArgumentException($"'{symbol}' is not an element symbol.", nameof(amounts));
            }

            if (!double.IsFinite(amount) || amount < 0)
            {
                throw new ArgumentException($"The amount of '{symbol}' is {amount.ToString(CultureInfo.InvariantCulture)}; amounts must be finite and zero or positive.", nameof(amounts));
            }
        }

        if (list.GroupBy(p => p.Symbol, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"Element '{repeated.Key}' is given more than once.", nameof(amounts));
        }

        var total = list.Sum(p => p.Amount);
        if (total <= 0)
        {
            throw new ArgumentException("The amounts add up to zero; a composition needs at least one positive amount.", nameof(amounts));
        }

        var components = list
            .Where(p => p.Amount > 0)
            .Select(p => new ElementFraction(PeriodicTable.Get(p.Symbol), p.Amount / total))
            .OrderBy(c => c.Element.Symbol, StringComparer.Ordinal)
            .ToArray();
        return new Composition(components);
    }

    /// <summary>Builds a composition from fractions in palette order (<see cref="Palette.Symbols"/>); zeros are left out.</summary>
    public static Composition FromPaletteFractions(ReadOnlySpan<double> fractions)
    {
        if (fractions.Length != Palette.Count)
        {
            throw new ArgumentException($"Expected {Palette.Count} fractions in palette order ({string.Join(", ", Palette.Symbols)}), got {fractions.Length}.", nameof(fractions));
        }

        var pairs = new (string, double)[Palette.Count];
        for (var i = 0; i < Palette.Count; i++)
        {
            pairs[i] = (Palette.Symbols[i], fractions[i]);
        }

        return FromAmounts(pairs);
    }

    /// <summary>The fraction of <paramref name="symbol"/>, 0 when the element is absent.</summary>
    public double FractionOf(string symbol)
    {
        foreach (var c in _components)
        {
            if (string.Equals(c.Element.Symbol, symbol, StringComparison.Ordinal))
            {
                return c.Fraction;
            }
        }

        return 0;
    }

    /// <summary>Whether every element of this composition is in the palette.</summary>
    public bool IsWithinPalette => _components.All(c => Palette.IndexOf(c.Element.Symbol) >= 0);

    /// <summary>The fractions in palette order (11 values summing to 1).</summary>
    /// <exception cref="InvalidOperationException">An element is outside the palette.</exception>
    public double[] ToPaletteFractions()
    {
        var fractions = new double[Palette.Count];
        WritePaletteFractions(fractions);
        return fractions;
    }

    /// <summary>Writes the fractions in palette order into <paramref name="destination"/> (length 11), without allocating.</summary>
    /// <exception cref="InvalidOperationException">An element is outside the palette.</exception>
    public void WritePaletteFractions(Span<double> destination)
    {
        if (destination.Length != Palette.Count)
        {
            throw new ArgumentException($"The destination must hold {Palette.Count} values.", nameof(destination));
        }

        destination.Clear();
        foreach (var c in _components)
        {
            var index = Palette.IndexOf(c.Element.Symbol);
            if (index < 0)
            {
                throw new InvalidOperationException($"{this} contains {c.Element.Symbol}, which is outside the X-Yield palette ({string.Join(", ", Palette.Symbols)}).");
            }

            destination[index] = c.Fraction;
        }
    }

    /// <summary>The same composition with fractions rounded to <paramref name="decimals"/> places (the key the experimental set merges on).</summary>
    public string ToKey(int decimals = 3) =>
        string.Join(" ", _components.Select(c => c.Element.Symbol + Math.Round(c.Fraction, decimals).ToString("0.###############", CultureInfo.InvariantCulture)));

    /// <summary>Formats the composition; see <see cref="CompositionFormat"/>.</summary>
    public string ToString(CompositionFormat format)
    {
        var text = new StringBuilder();
        var equiatomic = _components.All(c => Math.Abs(c.Fraction - _components[0].Fraction) < 1e-9);
        foreach (var c in _components)
        {
            switch (format)
            {
                case CompositionFormat.Fractions:
                    if (text.Length > 0)
                    {
                        text.Append(' ');
                    }

                    text.Append(c.Element.Symbol).Append(c.Fraction.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case CompositionFormat.Percent:
                    text.Append(c.Element.Symbol).Append((c.Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture));
                    break;
                case CompositionFormat.Compact:
                    text.Append(c.Element.Symbol);
                    if (!equiatomic)
                    {
                        text.Append((c.Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture));
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown composition format.");
            }
        }

        return text.ToString();
    }

    /// <summary>The exact form "Mo0.25 Nb0.25 Ta0.25 W0.25", which <see cref="Parse"/> reads back to an equal composition.</summary>
    public override string ToString() => ToString(CompositionFormat.Fractions);

    /// <summary>Equal when the same elements have fractions within 1e-12.</summary>
    public bool Equals(Composition? other) =>
        other is not null && other._components.Length == _components.Length &&
        _components.Zip(other._components).All(p => p.First.Element == p.Second.Element && Math.Abs(p.First.Fraction - p.Second.Fraction) <= 1e-12);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Composition);

    /// <summary>Hashes the element set only, consistent with the tolerance of <see cref="Equals(Composition)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var c in _components)
        {
            hash.Add(c.Element.AtomicNumber);
        }

        return hash.ToHashCode();
    }
}

/// <summary>An element and its atomic fraction in a composition.</summary>
/// <param name="Element">The element.</param>
/// <param name="Fraction">Its atomic fraction, in (0, 1].</param>
public readonly record struct ElementFraction(Element Element, double Fraction);

/// <summary>How <see cref="Composition.ToString(CompositionFormat)"/> writes a composition.</summary>
public enum CompositionFormat
{
    /// <summary>"Mo0.25 Nb0.25 Ta0.25 W0.25": exact fractions (round-trip), space separated.</summary>
    Fractions,

    /// <summary>"Mo25Nb25Ta25W25": atomic percent, two decimals at most.</summary>
    Percent,

    /// <summary>"MoNbTaW" when equiatomic, otherwise as <see cref="Percent"/>.</summary>
    Compact,
}
