using System.Globalization;
using Spectre.Console;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Report;

namespace XYield.ML.Cli.Live;

/// <summary>The paper's Table 2 (few-shot splits; Table 11 for cross-validation), MSE and accuracy, on the console at the end of a benchmark.</summary>
internal static class ConsoleTables
{
    /// <summary>Writes the tables of the tasks that have runs, each under the protocol warning when it applies.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<RunResult> results, BenchmarkConfig config, Func<string, string> displayName)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(config);
        Print(console, "Table 2 (Table 11 for cv): test MSE (GPa², lower is better)", BenchmarkTables.MetricTable(results, RunResult.Regression), config, displayName, "0.0000");
        Print(console, "Table 2 (Table 11 for cv): test accuracy (higher is better)", BenchmarkTables.MetricTable(results, RunResult.Classification), config, displayName, "0.000");
    }

    private static void Print(IAnsiConsole console, string title, IReadOnlyList<MetricRow> rows, BenchmarkConfig config, Func<string, string> displayName, string format)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (config.SelectsOnTest)
        {
            console.MarkupLine($"[yellow]Warning: {Markup.Escape(EvaluationProtocols.Warning)}[/]");
        }

        var splits = config.Splits.Concat(rows.SelectMany(r => r.BySplit.Keys)).Distinct().Where(s => rows.Any(r => r.BySplit.ContainsKey(s))).ToArray();
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Caption = new TableTitle(Markup.Escape($"protocol: {config.Protocol}")) };
        table.AddColumn("method");
        foreach (var split in splits)
        {
            table.AddColumn(new TableColumn(Markup.Escape(new BenchmarkSplit(split).Label)).RightAligned());
        }

        foreach (var row in rows)
        {
            var cells = splits.Select(s => row.BySplit.TryGetValue(s, out var m) ? string.Create(CultureInfo.InvariantCulture, $"{m.ToString(format)} ({m.Count})") : "–");
            table.AddRow([Markup.Escape(displayName(row.Method)), .. cells.Select(Markup.Escape)]);
        }

        console.Write(table);
    }
}
