using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;

namespace XYield.ML.Cli.Commands;

/// <summary><c>xyield predict</c>: applies a saved model to one alloy at one temperature.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model", "-m") { Description = "A model saved by 'xyield train --output'.", Required = true };
        var alloy = new Option<string>("--alloy") { Description = "The alloy formula, e.g. MoNbTaTiW or Al0.5CrNbTi.", Required = true };
        // A string read by OptionValues: invariant culture under any LANG (System.CommandLine would use the current one).
        var temperature = new Option<string>("--temperature")
        {
            Description = "Test temperature in kelvin: > 0; outside the experimental data's 293–1873 K the answer comes with a warning (the model extrapolates).",
            Required = true,
        };
        var command = new Command("predict", "Predict the yield strength (or its class) of an alloy with a saved model.") { model, alloy, temperature };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(model)!;
            if (!file.Exists)
            {
                throw new FileNotFoundException($"The model file '{file.FullName}' does not exist; train one with 'xyield train --output {file.Name}'.", file.FullName);
            }

            var composition = Composition.Parse(parse.GetValue(alloy)!, Palette.Symbols);
            var text = parse.GetValue(temperature);
            var kelvin = InputDomain.Temperature(temperature.Name, text)!.Value;
            if (!float.IsFinite((float)kelvin) || (float)kelvin <= 0)
            {
                // The model reads single precision: 1e-50 K would become 0 K and 1e39 K infinity.
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--temperature {text} K does not fit the model's single-precision input (from {float.Epsilon:R} to {float.MaxValue:R} K)."));
            }

            var line = Predict(file.FullName, composition.ToString(), (float)kelvin, Console.Error.WriteLine);
            foreach (var warning in InputDomain.ModelWarnings(composition, kelvin))
            {
                Console.Error.WriteLine(warning);
            }

            Console.Out.WriteLine(line);
            return 0;
        });
        return command;
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

        return string.Create(inv, $"{formula} at {kelvin} K: {gpa:0.####} GPa");
    }

    private sealed class AlloyInput
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }
}
