using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XYield.ML.Data.Experimental;

namespace XYield.ML.Cli.Commands;

/// <summary><c>xyield data</c>: a summary of the experimental set (count by alloy type, temperature and YS ranges).</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var command = new Command("data", "Summarise the X-Yield experimental set derived from MPEA_dataset.csv.") { data };
        command.SetAction(parse =>
        {
            var points = ExperimentalDataSet.Load(parse.GetValue(data));
            var table = new Table().AddColumns("alloy type", "points", "T range (K)", "YS range (GPa)");
            foreach (var type in points.GroupBy(p => p.ElementCount).OrderBy(g => g.Key))
            {
                table.AddRow(Name(type.Key), Count(type.Count()), Range(type.Select(p => p.TemperatureKelvin), "0.##"), Range(type.Select(p => p.YieldStrengthGpa), "0.###"));
            }

            table.AddRow("all", Count(points.Count), Range(points.Select(p => p.TemperatureKelvin), "0.##"), Range(points.Select(p => p.YieldStrengthGpa), "0.###"));
            AnsiConsole.Write(table);
            var rows = points.Sum(p => p.Sources.Count);
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{points.Count} points from {rows} source rows ({rows - points.Count} merged duplicates), {points.Select(p => p.Composition.ToKey()).Distinct().Count()} distinct compositions."));
            return 0;
        });
        return command;
    }

    private static string Name(int elements) => elements switch
    {
        3 => "ternary (3)",
        4 => "quaternary (4)",
        5 => "quinary (5)",
        6 => "senary (6)",
        7 => "septenary (7)",
        _ => elements.ToString(CultureInfo.InvariantCulture),
    };

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Range(IEnumerable<double> values, string format)
    {
        var list = values.ToList();
        return $"{list.Min().ToString(format, CultureInfo.InvariantCulture)} – {list.Max().ToString(format, CultureInfo.InvariantCulture)}";
    }
}
