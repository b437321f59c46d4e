using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace XYield.ML.MlNetInternals;

/// <summary>
/// The loader ML.NET's component catalog calls for <typeparamref name="T"/>: it finds the private static
/// <c>Create</c> below by reflection, with the <see cref="SignatureLoadModel"/> shape and exactly
/// <see cref="ITransformer"/> as return type.
/// </summary>
internal static class ComponentLoader<T>
    where T : class, ITransformer, ILoadableComponent<T>
{
    /// <summary>Called by ML.NET during <c>mlContext.Model.Load</c>.</summary>
#pragma warning disable IDE0051 // Used by ML.NET through reflection.
    private static ITransformer Create(IHostEnvironment env, ModelLoadContext ctx)
#pragma warning restore IDE0051
    {
        ArgumentNullException.ThrowIfNull(env);
        return T.Load(ModelReader.Begin(ctx, T.Version, typeof(T), env));
    }

    /// <summary>Writes the component's header; the caller then writes its fields in the order <c>Load</c> reads them.</summary>
    internal static ModelWriter BeginSave(ModelSaveContext ctx) => ModelWriter.Begin(ctx, T.Version, typeof(T));
}
