// Usage: XYield.ML.ModelReplay <model.zip> <input.idv> <output.idv>
// Loads the model with plain mlContext.Model.Load (no registration call), applies it to the input saved
// with SaveAsBinary and saves the result the same way. Prints whether XYield.ML was loaded before Load,
// so the caller can check that ML.NET found our loaders on its own.
using Microsoft.ML;

if (args.Length != 3)
{
    Console.Error.WriteLine("Usage: XYield.ML.ModelReplay <model.zip> <input.idv> <output.idv>");
    return 2;
}

static bool XYieldLoaded() => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "XYield.ML");

var mlContext = new MLContext(seed: 1);
Console.WriteLine($"XYield.ML loaded before Model.Load: {XYieldLoaded()}");
var input = mlContext.Data.LoadFromBinary(args[1]);
var model = mlContext.Model.Load(args[0], out _);
Console.WriteLine($"XYield.ML loaded after Model.Load: {XYieldLoaded()}");

var output = model.Transform(input);
using (var stream = File.Create(args[2]))
{
    mlContext.Data.SaveAsBinary(output, stream, keepHidden: false);
}

Console.WriteLine($"Wrote {args[2]}");
return 0;
