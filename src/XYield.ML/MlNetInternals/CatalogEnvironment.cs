using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace XYield.ML.MlNetInternals;

/// <summary>
/// The seed and log of the <see cref="MLContext"/> behind a trainers catalog. ML.NET keeps a catalog's environment
/// internal; trainers made through <c>mlContext.Regression.Trainers</c> still take the context's seed and log, as
/// ML.NET's own trainers do.
/// </summary>
internal static class CatalogEnvironment
{
    /// <summary>The context's seed (null when it was created without one) and a logger writing to <c>MLContext.Log</c>.</summary>
    internal static (int? Seed, Action<string> Log) Of(TrainCatalogBase.CatalogInstantiatorBase catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var environment = ((Microsoft.ML.Data.IInternalCatalog)catalog).Environment;
        var seed = (environment as IHostEnvironmentInternal)?.Seed;
        return (seed, message =>
        {
            using var channel = environment.Start("XYield.ML");
            channel.Info(MessageSensitivity.None, message);
        });
    }
}
