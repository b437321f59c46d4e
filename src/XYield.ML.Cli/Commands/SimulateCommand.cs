using System.CommandLine;
using System.Globalization;
using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
using XYield.ML.Physics;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>xyield simulate</c>: the Maresca–Curtin simulated data. <c>--grid-size</c> prints the X-Yield grid's size by order;
/// <c>--count N --seed S --output FILE.csv</c> writes N points drawn uniformly from the grid.
/// </summary>
/// <remarks>Each mode is one option group and one method below; a single-alloy mode (<c>--alloy/--temperature</c>) slots in beside them.</remarks>
internal static class SimulateCommand
{
    private const long ProgressThreshold = 1_000_000;

    public static Command Create()
    {
        var gridSize = new Option<bool>("--grid-size") { Description = "Print the number of grid points by alloy order and in total." };
        var strict = new Option<bool>("--strict") { Description = "Use grid A (every listed element > 0) instead of grid B (zeros allowed, the paper's 'over three billion')." };
        // Numbers are string options read by OptionValues: invariant culture under any LANG, and one-line errors.
        var count = new Option<string?>("--count") { Description = "Number of points to sample from the grid (≥ 0)." };
        var seed = new Option<string?>("--seed") { Description = "Sampler seed, ≥ 0 (default 0)." };
        var output = new Option<string?>("--output", "-o") { Description = "CSV file to write (default: standard output)." };
        var alloy = new Option<string?>("--alloy") { Description = "An alloy formula (palette elements), e.g. MoNbTaTiW; with --temperature prints its simulated yield strength." };
        var temperature = new Option<string?>("--temperature")
        {
            Description = "Temperature in kelvin for --alloy: > 0; outside the simulated grid's 300–2500 K the value comes with a warning.",
        };
        var strainRate = new Option<string?>("--strain-rate") { Description = "Strain rate in 1/s for --alloy: > 0 and below the reference rate 1e4 (default 1e-3)." };
        var command = new Command("simulate", "Maresca–Curtin simulated yield strengths on the X-Yield composition grid.")
        {
            gridSize, strict, count, seed, output, alloy, temperature, strainRate,
        };
        // Task.Run: System.CommandLine handles Ctrl+C (cancels the token, waits for the action) only once the action
        // has returned its task, so work done synchronously inside it would be killed by SIGINT without cleaning up.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var variant = parse.GetValue(strict) ? SimulatedGridVariant.StrictlyPositive : SimulatedGridVariant.WithZeros;
            if (parse.GetValue(gridSize))
            {
                return Task.FromResult(PrintGridSize(variant));
            }

            if (parse.GetValue(alloy) is { } formula)
            {
                return Task.FromResult(PrintAlloy(formula, InputDomain.Temperature(temperature.Name, parse.GetValue(temperature)), parse.GetValue(strainRate)));
            }

            if (OptionValues.LongWholeNumber(count.Name, parse.GetValue(count), 0, long.MaxValue, "points") is { } n)
            {
                var s = OptionValues.WholeNumber(seed.Name, parse.GetValue(seed), 0, int.MaxValue, "sampler seed") ?? 0;
                return Task.FromResult(WriteSamples(n, s, variant, parse.GetValue(output), cancellation));
            }

            Console.Error.WriteLine("xyield simulate: give --grid-size, --alloy FORMULA --temperature K, or --count N (with --seed S and --output FILE.csv).");
            return Task.FromResult(2);
        }, CancellationToken.None));
        return command;
    }

    private static int PrintAlloy(string formula, double? kelvin, string? strainRateText)
    {
        if (kelvin is not { } t)
        {
            Console.Error.WriteLine("xyield simulate: --alloy needs --temperature K (e.g. --temperature 1273.15).");
            return 2;
        }

        var composition = Composition.Parse(formula, Palette.Symbols);
        InputDomain.RequireSimulatorAlloy(composition);
        var model = new MarescaCurtinModel();
        var rate = OptionValues.Number("--strain-rate", strainRateText, allowZero: false, "strain rate in 1/s") ?? model.StrainRate;
        if (rate >= model.ReferenceStrainRate)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--strain-rate must be below the model's reference strain rate {model.ReferenceStrainRate:0.###E+0} 1/s (got '{strainRateText}')."));
        }

        var result = model.Evaluate(composition.ToPaletteFractions(), t, rate);
        foreach (var warning in InputDomain.SimulatorWarnings(composition, t))
        {
            Console.Error.WriteLine(warning);
        }

        var inv = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(inv, $"{composition.ToString(CompositionFormat.Compact)} at {t} K: {result.YieldStrength / 1000:0.####} GPa ({result.YieldStrength:0.##} MPa, {result.Branch} branch; Maresca–Curtin, strain rate {rate:0.###E+0} 1/s)"));
        return 0;
    }

    private static int PrintGridSize(SimulatedGridVariant variant)
    {
        var name = variant == SimulatedGridVariant.WithZeros
            ? "grid B (every composition of each k-element system, zeros allowed)"
            : "grid A (every listed element > 0)";
        var inv = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(inv, $"X-Yield simulation {name}, {SimulatedGrid.Temperatures.Count} temperatures 300-2500 K:"));
        Console.Out.WriteLine("order  step  systems  compositions/system          points");
        foreach (var o in SimulatedGrid.Orders(variant))
        {
            Console.Out.WriteLine(string.Format(inv, "{0,5}  {1,3}%  {2,7}  {3,19:N0}  {4,14:N0}", o.Order, o.StepPercent, o.Systems, o.CompositionsPerSystem, o.Points));
        }

        Console.Out.WriteLine(string.Format(inv, "total  {0,49:N0}", SimulatedGrid.TotalPoints(variant)));
        return 0;
    }

    // A file is written through a temporary file and renamed when complete: Ctrl+C, a kill or a full disk leave the previous
    // file (or none) and never a CSV whose last row is cut mid-number.
    private static int WriteSamples(long count, int seed, SimulatedGridVariant variant, string? path, CancellationToken cancellation)
    {
        var progress = count >= ProgressThreshold ? new ConsoleProgress(count) : null;
        var sampler = new SimulatedGridSampler(seed, variant);
        if (path is null)
        {
            SimulatedCsvWriter.Write(Console.Out, sampler, count, progress: progress, cancellationToken: cancellation);
            Console.Out.Flush();
            return 0;
        }

        try
        {
            SimulatedCsvWriter.WriteFile(path, sampler, count, progress: progress, cancellationToken: cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"xyield simulate: cannot write '{path}': {e.Message}");
            return 1;
        }

        Console.Error.WriteLine($"Wrote {count.ToString("N0", CultureInfo.InvariantCulture)} points to {path}.");
        return 0;
    }

    /// <summary>Prints "written/total" to standard error, keeping standard output clean for the CSV.</summary>
    private sealed class ConsoleProgress(long total) : IProgress<long>
    {
        public void Report(long value) =>
            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} / {1:N0} points ({2:P0})", value, total, (double)value / total));
    }
}
