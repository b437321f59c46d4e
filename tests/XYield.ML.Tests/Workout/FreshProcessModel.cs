using System.Diagnostics;
using Microsoft.ML;

namespace XYield.ML.Tests.Workout;

/// <summary>
/// Saves a model with plain <c>mlContext.Model.Save</c>, loads and applies it in another process
/// (tests/XYield.ML.ModelReplay, which makes no registration call) and checks the output is identical.
/// </summary>
internal static class FreshProcessModel
{
    private static string ReplayFolder =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "XYield.ML.ModelReplay", "bin", TestPaths.Configuration, "net10.0");

    public static void AssertSameOutput(MLContext mlContext, ITransformer model, IDataView input)
    {
        var folder = Directory.CreateTempSubdirectory("xyield-replay-").FullName;
        try
        {
            var modelPath = Path.Combine(folder, "model.zip");
            var inputPath = Path.Combine(folder, "input.idv");
            var outputPath = Path.Combine(folder, "output.idv");
            mlContext.Model.Save(model, input.Schema, modelPath);
            using (var stream = File.Create(inputPath))
            {
                mlContext.Data.SaveAsBinary(input, stream, keepHidden: false);
            }

            var (exitCode, output, error) = Run(modelPath, inputPath, outputPath);

            Assert.That(exitCode, Is.Zero, $"ModelReplay failed.\n{output}\n{error}");
            Assert.That(output, Does.Contain("XYield.ML loaded before Model.Load: False"), "the replay must start without XYield.ML loaded");
            Assert.That(output, Does.Contain("XYield.ML loaded after Model.Load: True"), "ML.NET should have loaded XYield.ML by itself");
            var replayed = mlContext.Data.LoadFromBinary(outputPath);
            DataViewAssert.SameValues(model.Transform(mlContext.Data.LoadFromBinary(inputPath)), replayed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ReplayFolder,
        };
        start.ArgumentList.Add(Path.Combine(ReplayFolder, "XYield.ML.ModelReplay.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("ModelReplay did not finish in 2 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
