using Microsoft.ML;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.MlNetInternals;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML;

/// <summary>
/// The XYield.ML CNN trainers on <c>mlContext.Regression.Trainers</c> and <c>mlContext.MulticlassClassification.Trainers</c>.
/// Each method has an overload with column names and one with <see cref="YieldCnnTrainerOptions"/>; the method itself
/// (and the source data or pre-trained network it is given) is set by the catalog method. Trainers take the context's
/// seed and log unless their options set them, and never change the caller's options object.
/// </summary>
public static partial class XYieldTrainersCatalog
{
    private static YieldCnnTrainerOptions Columns(string label, string feature, SparsityOptions? sparsity = null) =>
        new() { LabelColumnName = label, FeatureColumnName = feature, Sparsity = sparsity ?? new SparsityOptions() };

    // One path for both overloads of a method: the required argument is checked here, the options by the trainer.
    private static YieldCnnTrainer Transfer(TrainCatalogBase.CatalogInstantiatorBase catalog, PretrainedNetwork pretrained, YieldCnnTrainerOptions options, YieldTask task)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Method = YieldCnnMethod.PretrainAndTransfer;
        copy.Pretrained = pretrained;
        return Create(catalog, copy, task);
    }

    private static YieldCnnTrainer WithSource(
        TrainCatalogBase.CatalogInstantiatorBase catalog, YieldCnnMethod method, IDataView sourceData, YieldCnnTrainerOptions options, YieldTask task)
    {
        ArgumentNullException.ThrowIfNull(sourceData);
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Method = method;
        copy.SourceData = sourceData;
        return Create(catalog, copy, task);
    }

    private static YieldCnnTrainer Create(TrainCatalogBase.CatalogInstantiatorBase catalog, YieldCnnTrainerOptions options, YieldTask task)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        FromContext(catalog, copy);
        return new YieldCnnTrainer(copy, task);
    }

    private static PretrainedNetwork Pretrain(TrainCatalogBase.CatalogInstantiatorBase catalog, IDataView sourceData, YieldCnnTrainerOptions? options, YieldTask task)
    {
        ArgumentNullException.ThrowIfNull(sourceData);
        var copy = options?.Clone() ?? new YieldCnnTrainerOptions();
        FromContext(catalog, copy);
        return YieldCnnTrainer.Pretrain(sourceData, copy, task);
    }

    private static void FromContext(TrainCatalogBase.CatalogInstantiatorBase catalog, YieldCnnTrainerOptions options)
    {
        var (seed, log) = CatalogEnvironment.Of(catalog);
        options.Seed ??= seed;
        options.Log ??= log;
    }
}
