using System.Globalization;
using System.Text;
using XYield.ML.Screening;
using XYield.ML.Storage;

namespace XYield.ML.Cli.Commands;

/// <summary>The screening table as CSV: to a file (written atomically) or to standard output.</summary>
internal static class ScreeningTable
{
    public const string Header = "rank,composition,temperature_K,ys_gpa,ys_std_gpa,score,mc_gpa,in_domain,domain_note";

    public static void Write(ScreeningResult result, string? path)
    {
        var text = Csv(result);
        if (path is null)
        {
            Console.Out.Write(text);
            return;
        }

        AtomicFile.WriteAllText(Path.GetFullPath(path), text);
        Console.Error.WriteLine($"table written to {Path.GetFullPath(path)}");
    }

    public static string Csv(ScreeningResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder(Header).Append('\n');
        foreach (var c in result.Candidates)
        {
            text.Append(string.Create(inv, $"{c.Rank},{c.Composition},{c.Temperature:0.##},{c.Mean:0.####},"))
                .Append(double.IsNaN(c.StandardDeviation) ? "" : c.StandardDeviation.ToString("0.####", inv))
                .Append(string.Create(inv, $",{c.Score:0.####},{c.MarescaCurtin:0.####},"))
                .Append(c.InDomain switch { true => "yes", false => "no", null => "unknown" })
                .Append(',').Append(Quote(c.DomainNote)).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string text) =>
        text.Length == 0 ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
