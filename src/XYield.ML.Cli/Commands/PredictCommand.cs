using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Screening;

namespace XYield.ML.Cli.Commands;

/// <summary><c>xyield predict</c>: applies a saved model to one alloy at one temperature.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo[]>("--model", "-m")
        {
            Description = "A model saved by 'xyield train --output'; with --input, give it several times for an ensemble (mean ± standard deviation).",
            Required = true,
        };
        var alloy = new Option<string?>("--alloy") { Description = "The alloy formula, e.g. MoNbTaTiW or Al0.5CrNbTi (with --temperature)." };
        // A string read by OptionValues: invariant culture under any LANG (System.CommandLine would use the current one).
        var temperature = new Option<string?>("--temperature")
        {
            Description = "Test temperature in kelvin: > 0; outside the experimental data's 293–1873 K the answer comes with a warning (the model extrapolates).",
        };
        var input = new Option<string?>("--input", "-i")
        {
            Description = "A CSV of candidates (Formula and Temperature_K, Temperature_C or Temperature columns) to score instead of one alloy.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "With --input: the scored CSV (every input column and row, plus ys_gpa, ys_std_gpa, mc_gpa, in_domain, domain_note, reason).",
        };
        var command = new Command("predict", "Predict the yield strength (or its class) of an alloy, or of a CSV of candidates, with saved model(s).")
        {
            model, alloy, temperature, input, output,
        };
        // Task.Run: System.CommandLine handles Ctrl+C only once the action has returned its task (see TrainCommand).
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var files = parse.GetValue(model)!;
            foreach (var file in files.Where(f => !f.Exists))
            {
                throw new FileNotFoundException($"The model file '{file.FullName}' does not exist; train one with 'xyield train --output {file.Name}'.", file.FullName);
            }

            if (parse.GetValue(input) is { } candidates)
            {
                if (parse.GetValue(alloy) is not null || parse.GetValue(temperature) is not null)
                {
                    throw new ArgumentException("--input scores a file of candidates: drop --alloy and --temperature (the file gives them).");
                }

                var target = parse.GetValue(output) ?? throw new ArgumentException("--input needs --output FILE.csv for the scored candidates.");
                return ScoreFile(files, candidates, target, cancellation);
            }

            if (parse.GetValue(alloy) is not { } formula || parse.GetValue(temperature) is not { } text)
            {
                throw new ArgumentException("give --alloy FORMULA --temperature K for one alloy, or --input candidates.csv --output scored.csv for many.");
            }

            if (files.Length > 1 || parse.GetValue(output) is not null)
            {
                throw new ArgumentException("one alloy is predicted with one --model and printed; use --input/--output for an ensemble or a file.");
            }

            var composition = Composition.Parse(formula, Palette.Symbols);
            var kelvin = InputDomain.Temperature(temperature.Name, text)!.Value;
            if (!float.IsFinite((float)kelvin) || (float)kelvin <= 0)
            {
                // The model reads single precision: 1e-50 K would become 0 K and 1e39 K infinity.
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--temperature {text} K does not fit the model's single-precision input (from {float.Epsilon:R} to {float.MaxValue:R} K)."));
            }

            var line = Predict(files[0].FullName, composition.ToString(), (float)kelvin, Console.Error.WriteLine);
            foreach (var warning in InputDomain.ModelWarnings(composition, kelvin))
            {
                Console.Error.WriteLine(warning);
            }

            Console.Out.WriteLine(line);
            return 0;
        }, CancellationToken.None));
        return command;
    }

    private static int ScoreFile(FileInfo[] files, string input, string output, CancellationToken cancellation)
    {
        var ml = new MLContext();
        var loaded = files.Select(f => ml.Model.LoadYieldModel(f.FullName, out _)).ToArray();
        try
        {
            using var screener = new YieldScreener(loaded);
            var summary = CandidateTable.Score(input, output, screener, cancellation);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scored {summary.Scored} of {summary.Rows} rows with {files.Length} model(s) into {Path.GetFullPath(output)}; {summary.Unscorable} row(s) could not be scored (see the reason column), {summary.OutsideDomain} lie outside the training domain."));
            return 0;
        }
        finally
        {
            foreach (var transformer in loaded)
            {
                (transformer as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>The prediction line; a non-finite answer is refused, a negative one reported to <paramref name="warn"/>.</summary>
    /// <exception cref="InvalidDataException">The model answers NaN or infinity.</exception>
    internal static string Predict(string modelPath, string formula, float kelvin, Action<string>? warn = null)
    {
        var ml = new MLContext();
        var loaded = ml.Model.LoadYieldModel(modelPath, out _);
        var input = ml.Data.LoadFromEnumerable(new[] { new AlloyInput { Formula = formula, Temperature = kelvin } });
        var scored = loaded.Transform(input);
        var inv = CultureInfo.InvariantCulture;
        if (scored.Schema.GetColumnOrNull("PredictedLabel") is { } label)
        {
            var key = scored.GetColumn<uint>(label).Single();
            VBuffer<ReadOnlyMemory<char>> names = default;
            label.GetKeyValues(ref names);
            var probabilities = scored.GetColumn<float[]>("Score").Single();
            if (key == 0 || !probabilities.All(float.IsFinite))
            {
                throw new InvalidDataException($"'{modelPath}' gives no valid class for {formula} at {kelvin.ToString(inv)} K (non-finite scores); the model is broken: train it again.");
            }

            return string.Create(inv, $"{formula} at {kelvin} K: class {names.GetItemOrDefault((int)key - 1)} (p = {probabilities[key - 1]:0.###})");
        }

        var gpa = scored.GetColumn<float>("Score").Single();
        if (!float.IsFinite(gpa))
        {
            throw new InvalidDataException($"'{modelPath}' predicts a non-finite yield strength ({gpa.ToString(inv)}) for {formula} at {kelvin.ToString(inv)} K; the model is broken: train it again.");
        }

        if (gpa < 0)
        {
            warn?.Invoke(string.Create(inv, $"warning: the model predicts a negative yield strength ({gpa:0.####} GPa), which no alloy has: it is extrapolating; do not use this value."));
        }

        // An ensemble model (train --ensemble K) also gives its members' spread; the recommended model its calibrated one.
        if (scored.Schema.GetColumnOrNull(Estimators.YieldCnnPredictionTransformer.StandardDeviationColumnName) is { } spread)
        {
            var sd = scored.GetColumn<float>(spread).Single();
            var blend = (loaded as IEnumerable<ITransformer>)?.OfType<Estimators.TransferAndForestTransformer>().FirstOrDefault();
            var what = blend is null ? "mean ± standard deviation of the ensemble's networks"
                : blend.IsCalibrated ? "mean of the CNN and the forest ± standard deviation calibrated on held-out alloys"
                : "mean of the CNN and the forest ± their uncalibrated disagreement";
            return string.Create(inv, $"{formula} at {kelvin} K: {gpa:0.####} ± {sd:0.####} GPa ({what})");
        }

        return string.Create(inv, $"{formula} at {kelvin} K: {gpa:0.####} GPa");
    }

    private sealed class AlloyInput
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }
}
