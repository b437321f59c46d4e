using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using XYield.ML.Chemistry;
using XYield.ML.Screening;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>xyield screen</c>: enumerates candidate alloys (a subspace, or the paper's grid), scores them with one model or an
/// ensemble of several, and writes the best by a criterion with their uncertainty, Maresca–Curtin estimate and domain flag.
/// </summary>
internal static class ScreenCommand
{
    public static Command Create()
    {
        var models = new Option<FileInfo[]>("--model", "-m")
        {
            Description = "A regression model saved by 'xyield train --output'; give it several times for an ensemble (mean ± standard deviation).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var elements = new Option<string?>("--elements") { Description = "Elements alloys may contain, comma-separated (default: all 11 palette elements)." };
        var exclude = new Option<string?>("--exclude") { Description = "Elements to leave out, comma-separated." };
        var minElements = new Option<string?>("--min-elements") { Description = "Fewest elements per alloy, ≥ 1 (default 3)." };
        var maxElements = new Option<string?>("--max-elements") { Description = "Most elements per alloy (default 5)." };
        var step = new Option<string?>("--step") { Description = "Composition step in at.%, a divisor of 100 (default 5)." };
        var bounds = new Option<string[]>("--bound") { Description = "Fraction range of an element when present, e.g. --bound Mo=0.1:0.4 (repeatable)." };
        var temperatures = new Option<string?>("--temperature") { Description = "Temperature(s) in K, comma-separated (default 1500)." };
        var paperGrid = new Option<bool>("--paper-grid") { Description = "Screen the paper's grid (3–7 elements, 1 % steps up to 4 elements, 5 % above; with --temperature, at those temperatures; else 300–2500 K)." };
        var top = new Option<string?>("--top") { Description = "How many candidates to keep, 1 to 100,000 (default 20)." };
        var criterion = new Option<string>("--criterion")
        {
            Description = "Ranking: mean, lcb[:z] (mean − z·σ), ucb[:z] (mean + z·σ) or p>GPa (probability of exceeding it); all but mean need an ensemble.",
            DefaultValueFactory = _ => "mean",
        };
        var output = new Option<string?>("--output", "-o") { Description = "CSV file for the table (default: print it)." };
        var plot = new Option<string?>("--plot") { Description = "PNG file for a chart of the table." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count the candidates and estimate the run time, then stop." };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        var command = new Command("screen", "Rank candidate alloys by predicted yield strength at temperature, with uncertainty and a domain flag.")
        {
            models, elements, exclude, minElements, maxElements, step, bounds, temperatures, paperGrid, top, criterion, output, plot, dryRun, device,
        };

        // Task.Run: System.CommandLine handles Ctrl+C only once the action has returned its task (see TrainCommand).
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var space = Space(parse, elements, exclude, minElements, maxElements, step, bounds, temperatures, paperGrid);
            var options = new ScreeningOptions
            {
                Top = OptionValues.WholeNumber(top.Name, parse.GetValue(top), 1, 100_000, "candidates") ?? 20,
                Criterion = ScreeningCriterion.Parse(parse.GetValue(criterion)!),
                Progress = new ConsoleProgress(),
            };
            var files = parse.GetValue(models)!;
            var ml = new MLContext();
            var loaded = files.Select(f => ml.Model.LoadYieldModel(f.FullName, out _)).ToArray();
            try
            {
                var screener = new YieldScreener(loaded, parse.GetValue(device)!);
                var estimate = screener.Estimate(space, options);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"xyield screen: {estimate.Candidates:N0} candidates ({space.Temperatures.Count} temperature(s)), {loaded.Length} model(s), criterion {options.Criterion}; about {estimate.Duration:hh\\:mm\\:ss} at {estimate.CandidatesPerSecond:N0} candidates/s"));
                if (parse.GetValue(dryRun))
                {
                    return 0;
                }

                var result = screener.Screen(space, options, cancellation);
                ScreeningTable.Write(result, parse.GetValue(output));
                if (parse.GetValue(plot) is { } png)
                {
                    ScreeningPlot.Write(png, result);
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(result.Cancelled ? "cancelled: " : "")}scored {result.Evaluated:N0} of {result.Total:N0} candidates in {result.Elapsed:hh\\:mm\\:ss} ({result.Evaluated / Math.Max(result.Elapsed.TotalSeconds, 1e-9):N0}/s); kept the best {result.Candidates.Count}."));
                return result.Cancelled ? 130 : 0;
            }
            finally
            {
                foreach (var model in loaded)
                {
                    (model as IDisposable)?.Dispose();
                }
            }
        }, CancellationToken.None));
        return command;
    }

    private static CandidateSpace Space(
        ParseResult parse, Option<string?> elements, Option<string?> exclude, Option<string?> minElements, Option<string?> maxElements,
        Option<string?> step, Option<string[]> bounds, Option<string?> temperatures, Option<bool> paperGrid)
    {
        var kelvins = parse.GetValue(temperatures) is { } list
            ? list.Split(',', StringSplitOptions.TrimEntries).Select(t => InputDomain.Temperature("--temperature", t)!.Value).ToArray()
            : null;
        var space = parse.GetValue(paperGrid) ? CandidateSpace.PaperGrid(kelvins) : new CandidateSpace { Temperatures = kelvins ?? [1500] };
        if (parse.GetValue(paperGrid) && (parse.GetValue(step) is not null || parse.GetValue(minElements) is not null || parse.GetValue(maxElements) is not null))
        {
            throw new ArgumentException("--paper-grid fixes the element counts and steps: drop --step, --min-elements and --max-elements (or drop --paper-grid).");
        }

        var allowed = Symbols(parse.GetValue(elements), "--elements") ?? [.. Palette.Symbols];
        var excluded = Symbols(parse.GetValue(exclude), "--exclude") ?? [];
        allowed = [.. allowed.Except(excluded)];
        var maximum = OptionValues.WholeNumber("--max-elements", parse.GetValue(maxElements), 1, Palette.Count, "elements") ?? Math.Min(space.MaxElements, allowed.Length);
        space = space with
        {
            Elements = allowed,
            MinElements = OptionValues.WholeNumber("--min-elements", parse.GetValue(minElements), 1, Palette.Count, "elements") ?? Math.Min(space.MinElements, maximum),
            MaxElements = parse.GetValue(paperGrid) ? Math.Min(space.MaxElements, allowed.Length) : maximum,
            StepPercent = OptionValues.WholeNumber("--step", parse.GetValue(step), 1, 100, "at.%") ?? space.StepPercent,
            Bounds = (parse.GetValue(bounds) ?? []).Select(Bound).ToDictionary(b => b.Symbol, b => (b.Min, b.Max)),
        };
        space.Validate();
        return space;
    }

    private static string[]? Symbols(string? list, string option)
    {
        if (list is null)
        {
            return null;
        }

        var symbols = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var symbol in symbols)
        {
            if (Palette.IndexOf(symbol) < 0)
            {
                throw new ArgumentException($"{option}: '{symbol}' is not a palette element; expected some of {string.Join(",", Palette.Symbols)}.");
            }
        }

        return symbols.Distinct(StringComparer.Ordinal).ToArray();
    }

    // "Mo=0.1:0.4"
    private static (string Symbol, double Min, double Max) Bound(string text)
    {
        var parts = text.Split('=', ':');
        var inv = CultureInfo.InvariantCulture;
        if (parts.Length == 3 && Palette.IndexOf(parts[0].Trim()) >= 0
            && double.TryParse(parts[1], NumberStyles.Float, inv, out var min) && double.TryParse(parts[2], NumberStyles.Float, inv, out var max)
            && min >= 0 && max <= 1 && min <= max)
        {
            return (parts[0].Trim(), min, max);
        }

        throw new ArgumentException($"--bound '{text}' must be ELEMENT=MIN:MAX with 0 ≤ MIN ≤ MAX ≤ 1, e.g. Mo=0.1:0.4.");
    }

    /// <summary>Progress on standard error, keeping standard output for the table.</summary>
    private sealed class ConsoleProgress : IProgress<ScreeningProgress>
    {
        private DateTime _last = DateTime.MinValue;

        public void Report(ScreeningProgress value)
        {
            if (DateTime.UtcNow - _last < TimeSpan.FromSeconds(5) && value.Evaluated < value.Total)
            {
                return;
            }

            _last = DateTime.UtcNow;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {value.Evaluated:N0} / {value.Total:N0} ({(double)value.Evaluated / Math.Max(1, value.Total):P0}), {value.CandidatesPerSecond:N0}/s, {value.Remaining:hh\\:mm\\:ss} left"));
        }
    }
}
