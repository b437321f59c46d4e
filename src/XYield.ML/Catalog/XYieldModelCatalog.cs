using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Storage;

namespace XYield.ML;

/// <summary>Saving a pipeline atomically, and loading a saved XYield.ML pipeline with checks and one kind of error.</summary>
public static class XYieldModelCatalog
{
    /// <summary>
    /// Loads a model zip saved with <c>mlContext.Model.Save</c> and checks that it holds a yield-strength CNN. Whatever goes
    /// wrong (not a zip, not an ML.NET model, a corrupt or tampered entry, non-finite weights, a model that is not
    /// XYield.ML's) arrives as one <see cref="InvalidDataException"/> naming the file, not wrapped in the
    /// <see cref="TargetInvocationException"/> ML.NET's reflection adds.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="path">The model zip.</param>
    /// <param name="inputSchema">The schema the pipeline was saved with.</param>
    /// <returns>The pipeline; dispose the <see cref="YieldCnnPredictionTransformer"/> or <see cref="TransferAndForestTransformer"/> inside it (or the chain) when done.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a loadable XYield.ML model; the message says why.</exception>
    /// <example>
    /// <code>
    /// var model = mlContext.Model.LoadYieldModel("model.zip", out var schema);
    /// var scored = model.Transform(data);
    /// </code>
    /// </example>
    public static ITransformer LoadYieldModel(this ModelOperationsCatalog catalog, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no model file at '{path}'.", path);
        }

        ITransformer model;
        try
        {
            model = catalog.Load(path, out inputSchema);
        }
        catch (Exception e) when (Reason(e) is { } reason)
        {
            throw new InvalidDataException($"'{path}' is not a model XYield.ML can load: {reason}", e);
        }

        if (!Parts(model).OfType<YieldCnnPredictionTransformer>().Any())
        {
            (model as IDisposable)?.Dispose();
            throw new InvalidDataException($"'{path}' is an ML.NET model but not an XYield.ML one: it holds no yield-strength CNN.");
        }

        return model;
    }

    /// <summary>
    /// Saves <paramref name="model"/> like <c>mlContext.Model.Save</c>, but through a temporary file in the same folder and a
    /// rename: an interrupted or failed save (a crash, a full disk, a disposed transformer) leaves the previous file at
    /// <paramref name="path"/> as it was and never a partial one.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The pipeline.</param>
    /// <param name="inputSchema">The schema of the data the pipeline reads.</param>
    /// <param name="path">The model zip to write.</param>
    /// <example>
    /// <code>
    /// var model = mlContext.Transforms.FeaturizeAlloy()
    ///     .Append(mlContext.Regression.Trainers.YieldCnn(labelColumnName: "YieldStrength"))
    ///     .Fit(trainData);
    /// mlContext.Model.SaveYieldModel(model, trainData.Schema, "model.zip");
    /// </code>
    /// </example>
    public static void SaveYieldModel(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(Path.GetFullPath(path), (Stream stream) => catalog.Save(model, inputSchema, stream));
    }

    /// <summary>Every transformer of a (nested) pipeline, the recommended model's CNN included, the pipeline itself first.</summary>
    internal static IEnumerable<ITransformer> Parts(ITransformer model)
    {
        yield return model;
        if (model is TransferAndForestTransformer blend)
        {
            yield return blend.Transfer;
        }

        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain.SelectMany(Parts))
            {
                yield return inner;
            }
        }
    }

    // What a user can act on, from inside the wrappers ML.NET adds (reflection, its own InvalidOperationException); null
    // for failures that are not about the file (out of memory, a missing native library), which propagate unchanged.
    private static string? Reason(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case InvalidDataException when current.Message.Contains("Central Directory", StringComparison.OrdinalIgnoreCase):
                    return "it is not a zip file (or is truncated).";
                case InvalidDataException or FormatException or EndOfStreamException:
                    return current.Message;
            }
        }

        return e switch
        {
            TargetInvocationException or InvalidOperationException or ArgumentException or NotSupportedException => Innermost(e).Message,
            _ => null,
        };
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
