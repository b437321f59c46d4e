using System.CommandLine;
using Spectre.Console;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Report;
using XYield.ML.Cli.Live;

namespace XYield.ML.Cli.Commands;

/// <summary><c>xyield benchmark merge DIR... --output DIR</c>: combines output folders (shards, or runs made apart) into one results.json and report.</summary>
internal static class BenchmarkMergeCommand
{
    public static Command Create()
    {
        var folders = new Argument<DirectoryInfo[]>("folders") { Description = "The output folders to combine: the shards (output/shard-i-of-n) of one plan, or runs whose settings agree wherever one of their methods depends on them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the merged results.json, report.md and figures; must not hold results yet.", Required = true };
        var command = new Command("merge", "Combine benchmark output folders (the shards of --shard, or runs made apart) into one results.json and report.") { folders, output };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!.FullName;
            if (File.Exists(Path.Combine(target, ResultStore.FileName)))
            {
                throw new IOException($"'{target}' holds a {ResultStore.FileName} already; merge into a new folder.");
            }

            var parts = parse.GetValue(folders)!.Select(f => BenchmarkResults.Load(f.FullName)).ToArray();
            var merged = BenchmarkResults.Merge(parts);
            var report = merged.WriteReport(target);
            ConsoleTables.Print(AnsiConsole.Console, merged.Runs, merged.Config, BenchmarkMethods.DisplayName);
            Console.Out.WriteLine($"merged {merged.Runs.Count} runs from {parts.Length} folder(s); report written to {report}");
            return 0;
        });
        return command;
    }
}
