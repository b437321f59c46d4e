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
        var temperature = new Option<double>("--temperature") { Description = "Test temperature in kelvin.", Required = true };
        var command = new Command("predict", "Predict the yield strength (or its class) of an alloy with a saved model.") { model, alloy, temperature };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(model)!;
            if (!file.Exists)
            {
                throw new FileNotFoundException($"The model file '{file.FullName}' does not exist; train one with 'xyield train --output {file.Name}'.", file.FullName);
            }

            var formula = Composition.Parse(parse.GetValue(alloy)!, Palette.Symbols).ToString();
            var kelvin = parse.GetValue(temperature);
            if (!double.IsFinite(kelvin) || kelvin <= 0)
            {
                throw new ArgumentException($"--temperature {kelvin.ToString(CultureInfo.InvariantCulture)} is not a temperature in kelvin (expected > 0, e.g. 1273.15).");
            }

            Console.Out.WriteLine(Predict(file.FullName, formula, (float)kelvin));
            return 0;
        });
        return command;
    }

    internal static string Predict(string modelPath, string formula, float kelvin)
    {
        var ml = new MLContext();
        ITransformer loaded;
        try
        {
            loaded = ml.Model.Load(modelPath, out _);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidDataException($"'{modelPath}' is not a model XYield.ML can load ({e.Message}).", e);
        }

        var input = ml.Data.LoadFromEnumerable(new[] { new AlloyInput { Formula = formula, Temperature = kelvin } });
        var scored = loaded.Transform(input);
        var inv = CultureInfo.InvariantCulture;
        if (scored.Schema.GetColumnOrNull("PredictedLabel") is { } label)
        {
            var key = scored.GetColumn<uint>(label).Single();
            VBuffer<ReadOnlyMemory<char>> names = default;
            label.GetKeyValues(ref names);
            var probabilities = scored.GetColumn<float[]>("Score").Single();
            return string.Create(inv, $"{formula} at {kelvin} K: class {names.GetItemOrDefault((int)key - 1)} (p = {probabilities[key - 1]:0.###})");
        }

        var gpa = scored.GetColumn<float>("Score").Single();
        return string.Create(inv, $"{formula} at {kelvin} K: {gpa:0.####} GPa");
    }

    private sealed class AlloyInput
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }
}
