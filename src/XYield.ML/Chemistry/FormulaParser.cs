using System.Globalization;

namespace XYield.ML.Chemistry;

/// <summary>
/// Reads the formula styles found in alloy papers: "Al0.214 Nb0.714 Ta0.571 Ti1 V0.143 Zr0.929",
/// "MoNbTaTiW" (a missing amount is 1), "Mo25Nb25Ta25Zr25", "Al0.5CrNbTi", with or without spaces.
/// </summary>
internal static class FormulaParser
{
    public static List<(Element Element, double Amount)> Parse(string text, IReadOnlySet<string>? allowed)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<(Element, double)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = SkipSpaces(text, 0);
        if (i == text.Length)
        {
            throw new FormulaParseException(text, i, "the formula is empty; expected element symbols with optional amounts, e.g. 'MoNbTaW' or 'Al0.5 Cr1 Nb1'.");
        }

        while (i < text.Length)
        {
            var symbolStart = i;
            var element = ReadElement(text, ref i);
            if (seen.TryGetValue(element.Symbol, out var first))
            {
                throw new FormulaParseException(text, symbolStart, $"element '{element.Symbol}' appears twice (first at position {first}); give each element once.");
            }

            if (allowed is not null && !allowed.Contains(element.Symbol))
            {
                throw new FormulaParseException(text, symbolStart, $"element '{element.Symbol}' is outside the allowed elements ({string.Join(", ", allowed)}).");
            }

            seen[element.Symbol] = symbolStart;
            i = SkipSpaces(text, i);
            var amountStart = i;
            var amount = ReadAmount(text, ref i);
            if (amount == 0)
            {
                throw new FormulaParseException(text, amountStart, $"the amount of '{element.Symbol}' is zero; leave the element out instead.");
            }

            parts.Add((element, amount));
            i = SkipSpaces(text, i);
        }

        if (parts.Sum(p => p.Item2) <= 0)
        {
            throw new FormulaParseException(text, text.Length, "the amounts add up to zero; at least one element needs a positive amount.");
        }

        return parts;
    }

    private static Element ReadElement(string text, ref int i)
    {
        if (!char.IsAsciiLetterUpper(text[i]))
        {
            var what = text[i] == '-' ? "a negative amount (amounts must be zero or positive)" : $"'{text[i]}'";
            throw new FormulaParseException(text, i, $"found {what}; expected an element symbol starting with a capital letter, e.g. 'Mo'.");
        }

        // Prefer the two-letter symbol when it exists ("Nb"), else the one-letter one ("V" in "VNb").
        if (i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1]) && PeriodicTable.TryGet(text.AsSpan(i, 2), out var two))
        {
            i += 2;
            return two;
        }

        if (PeriodicTable.TryGet(text.AsSpan(i, 1), out var one) && !(i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1])))
        {
            i += 1;
            return one;
        }

        var length = i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1]) ? 2 : 1;
        throw new FormulaParseException(text, i, $"'{text.Substring(i, length)}' is not an element symbol; expected a symbol such as 'Mo', 'Nb' or 'V'.");
    }

    private static double ReadAmount(string text, ref int i)
    {
        if (i == text.Length || char.IsAsciiLetterUpper(text[i]))
        {
            return 1.0;
        }

        if (text[i] == '-')
        {
            throw new FormulaParseException(text, i, "amounts must be zero or positive.");
        }

        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            var end = Math.Min(text.Length, Math.Max(i, start + 1));
            throw new FormulaParseException(text, start, $"'{text[start..end]}' is not an amount; expected a number such as '1', '0.5' or '25'.");
        }

        if (i < text.Length && !char.IsAsciiLetterUpper(text[i]) && !char.IsWhiteSpace(text[i]))
        {
            throw new FormulaParseException(text, i, $"unexpected '{text[i]}' after the amount '{text[start..i]}'; expected a space or the next element symbol.");
        }

        return amount;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
