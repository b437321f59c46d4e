using System.Globalization;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// Reads number options from their text, so a bad value is a one-line error naming the option, the value and what is
/// expected (System.CommandLine's own conversion error prints the whole help and a .NET type name).
/// </summary>
internal static class OptionValues
{
    /// <summary>The whole number in <paramref name="text"/>, or null when the option was not given.</summary>
    /// <param name="option">The option's name, e.g. "--seeds".</param>
    /// <param name="text">The value as typed.</param>
    /// <param name="minimum">The smallest accepted value.</param>
    /// <param name="maximum">The largest accepted value.</param>
    /// <param name="meaning">What the number is, for the message (e.g. "fine-tuning epochs").</param>
    /// <exception cref="ArgumentException">Not a whole number, or out of range.</exception>
    public static int? WholeNumber(string option, string? text, int minimum, int maximum, string meaning) =>
        (int?)LongWholeNumber(option, text, minimum, maximum, meaning);

    /// <summary>The whole number in <paramref name="text"/> (64-bit), or null when the option was not given.</summary>
    /// <param name="option">The option's name, e.g. "--count".</param>
    /// <param name="text">The value as typed.</param>
    /// <param name="minimum">The smallest accepted value.</param>
    /// <param name="maximum">The largest accepted value.</param>
    /// <param name="meaning">What the number is, for the message (e.g. "points").</param>
    /// <exception cref="ArgumentException">Not a whole number, or out of range.</exception>
    public static long? LongWholeNumber(string option, string? text, long minimum, long maximum, string meaning)
    {
        if (text is null)
        {
            return null;
        }

        var range = maximum is int.MaxValue or long.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"at least {minimum}")
            : string.Create(CultureInfo.InvariantCulture, $"from {minimum} to {maximum:N0}");
        // Parsed as 64-bit even for int options, so 2147483648 is "out of range" rather than "not a number".
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"{option} must be a whole number of {meaning}, {range} (got '{text}').");
        }

        if (value < minimum || value > maximum)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} must be {range} {meaning} (got {value})."));
        }

        return value;
    }

    /// <summary>The finite number in <paramref name="text"/> (invariant culture, e.g. 1e-4), or null when the option was not given.</summary>
    /// <param name="option">The option's name, e.g. "--birpt-gamma".</param>
    /// <param name="text">The value as typed.</param>
    /// <param name="allowZero">Whether 0 is accepted (otherwise the number must be positive).</param>
    /// <param name="meaning">What the number is, for the message.</param>
    /// <param name="example">How such a number is written, for the message.</param>
    /// <exception cref="ArgumentException">Not a number, not finite, negative, or 0 where that is not allowed.</exception>
    public static double? Number(string option, string? text, bool allowZero, string meaning, string example = "0.001 or 1e-3")
    {
        if (text is null)
        {
            return null;
        }

        var expected = allowZero ? "a number ≥ 0" : "a number > 0";
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)
            || value < 0 || (value == 0 && !allowZero))
        {
            throw new ArgumentException($"{option} must be {expected}, the {meaning}, written like {example} (got '{text}').");
        }

        return value;
    }

    /// <summary>
    /// The distinct finite numbers ≥ 0 in a comma-separated <paramref name="text"/> (invariant culture), or null when the
    /// option was not given.
    /// </summary>
    /// <param name="option">The option's name, e.g. "--lower-rates".</param>
    /// <param name="text">The value as typed.</param>
    /// <param name="meaning">What the numbers are, for the message (e.g. "lower learning rates").</param>
    /// <param name="example">A valid list, for the message.</param>
    /// <exception cref="ArgumentException">A part that is not such a number, or a value listed twice.</exception>
    public static double[]? NumberList(string option, string? text, string meaning, string example)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{option} must be distinct numbers ≥ 0 separated by commas, the {meaning}, e.g. {example}; got '{text}'.");
            }
        }

        if (values.Distinct().Count() != values.Length)
        {
            throw new ArgumentException($"{option} lists a value more than once: '{text}'; expected distinct {meaning}.");
        }

        return values;
    }

    /// <summary>Refuses two options each finite on its own whose product is not (Bi-RPT steps by γ·λ_m; 1e300 × 1e300 overflows).</summary>
    /// <param name="first">The first option's name.</param>
    /// <param name="x">Its value.</param>
    /// <param name="second">The second option's name.</param>
    /// <param name="y">Its value.</param>
    /// <exception cref="ArgumentException">The product is not finite.</exception>
    public static void RequireFiniteProduct(string first, double x, string second, double y)
    {
        if (!double.IsFinite(x * y))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{first} × {second} must be a finite number (got {x:R} × {y:R}); choose smaller values."));
        }
    }
}
