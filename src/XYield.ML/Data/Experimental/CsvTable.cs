using Microsoft.VisualBasic.FileIO;

namespace XYield.ML.Data.Experimental;

/// <summary>
/// A CSV file read with the BCL's RFC 4180 parser (quoted fields may hold commas), keeping each row's
/// line number so errors can name it.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string path, string[] header, List<(int Line, string[] Fields)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _columns = header.Select((name, i) => (Name: name.Trim(), Index: i)).Where(c => c.Name.Length > 0)
            .ToDictionary(c => c.Name, c => c.Index, StringComparer.OrdinalIgnoreCase);
    }

    public string Path { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    public static CsvTable Read(string path)
    {
        using var stream = DataFile.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a CSV stream; <paramref name="path"/> names it in errors.</summary>
    public static CsvTable Read(Stream stream, string path)
    {
        using var parser = new TextFieldParser(stream, System.Text.Encoding.UTF8)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        string[]? header;
        try
        {
            header = parser.ReadFields();
        }
        catch (MalformedLineException e)
        {
            throw new InvalidDataException($"'{path}' line {e.LineNumber}: the CSV header is malformed (an unclosed quote?).", e);
        }

        if (header is null)
        {
            throw new InvalidDataException($"'{path}' is empty; expected a CSV header line.");
        }

        RefuseAmbiguous(header, path);
        var rows = new List<(int, string[])>();
        while (!parser.EndOfData)
        {
            var line = (int)parser.LineNumber;
            string[]? fields;
            try
            {
                fields = parser.ReadFields();
            }
            catch (MalformedLineException e)
            {
                throw new InvalidDataException($"'{path}' line {e.LineNumber}: the CSV line is malformed (an unclosed quote?).", e);
            }

            if (fields is null || (fields.Length == 1 && fields[0].Length == 0))
            {
                continue; // A blank line holds no data.
            }

            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"'{path}' line {line}: {fields.Length} fields, but the header has {header.Length}. The file is malformed.");
            }

            rows.Add((line, fields));
        }

        return new CsvTable(path, header, rows);
    }

    // Columns are looked up by name ignoring case: two that differ only in case (or surrounding spaces) would make the
    // lookup pick one silently.
    private static void RefuseAmbiguous(string[] header, string path)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                continue; // unnamed columns are never looked up
            }

            if (seen.TryGetValue(name, out var first))
            {
                throw new InvalidDataException(
                    $"'{path}' header: columns {first + 1} ('{header[first].Trim()}') and {i + 1} ('{name}') have the same name (ignoring case); rename or remove one.");
            }

            seen[name] = i;
        }
    }

    /// <summary>The index of the first of <paramref name="names"/> present in the header, or -1.</summary>
    public int IndexOf(params string[] names)
    {
        foreach (var name in names)
        {
            if (_columns.TryGetValue(name, out var index))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The index of a column that must exist; the error lists what the header has.</summary>
    public int Require(string name, string meaning) =>
        IndexOf(name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"'{Path}' has no column '{name}' ({meaning}). The header has: {string.Join(", ", Header)}.");

    /// <summary>
    /// The one column of <paramref name="choices"/> the header has (each name gives a unit, e.g. Temperature_K or
    /// Temperature_C), with its factor; the error names the choices when none or several are present.
    /// </summary>
    public (int Index, double Factor, string Name) RequireOneOf(string meaning, params (string Name, double Factor)[] choices)
    {
        var present = choices.Where(c => IndexOf(c.Name) >= 0).ToList();
        return present.Count switch
        {
            1 => (IndexOf(present[0].Name), present[0].Factor, present[0].Name),
            0 => throw new InvalidDataException(
                $"'{Path}' has no {meaning} column; expected one of {string.Join(" or ", choices.Select(c => c.Name))} (the suffix gives the unit). The header has: {string.Join(", ", Header)}."),
            _ => throw new InvalidDataException(
                $"'{Path}' has several {meaning} columns ({string.Join(", ", present.Select(c => c.Name))}); keep exactly one."),
        };
    }
}
