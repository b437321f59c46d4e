namespace XYield.ML.Chemistry;

/// <summary>
/// A formula that cannot be read as a composition. The message quotes the text, the zero-based position and
/// the unparsed remainder, and says what was expected there.
/// </summary>
public sealed class FormulaParseException : FormatException
{
    /// <summary>Creates the exception for <paramref name="text"/> failing at <paramref name="position"/>.</summary>
    public FormulaParseException(string text, int position, string problem)
        : base(Describe(text, position, problem))
    {
        Text = text;
        Position = position;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public FormulaParseException() : this("", 0, "no formula")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public FormulaParseException(string message) : base(message)
    {
        Text = "";
        Problem = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FormulaParseException(string message, Exception innerException) : base(message, innerException)
    {
        Text = "";
        Problem = message;
    }

    /// <summary>The formula as given.</summary>
    public string Text { get; }

    /// <summary>The zero-based position in <see cref="Text"/> where reading failed.</summary>
    public int Position { get; }

    /// <summary>What was wrong and what was expected, without the text and position.</summary>
    public string Problem { get; }

    private static string Describe(string text, int position, string problem)
    {
        var remainder = position < text.Length ? text[position..] : "";
        return remainder.Length == 0
            ? $"Cannot read formula '{text}' at position {position} (end of text): {problem}"
            : $"Cannot read formula '{text}' at position {position} (at '{remainder}'): {problem}";
    }
}
