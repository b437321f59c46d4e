using Microsoft.ML;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.MlNetInternals;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML;

/// <summary>
/// The XYield.ML CNN trainers on <c>mlContext.Regression.Trainers</c> and <c>mlContext.MulticlassClassification.Trainers</c>.
/// Trainers take the context's seed and log unless their options set them.
/// </summary>
public static class XYieldTrainersCatalog
{
    /// <summary>No Pretraining: trains the yield-strength CNN on the target data only (GPa regression).</summary>
    public static YieldCnnTrainer YieldCnn(this RegressionCatalog.RegressionTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Options(labelColumnName, featureColumnName, YieldCnnMethod.NoPretraining), YieldTask.Regression);

    /// <summary>Trains the yield-strength CNN with the given options (method, source data, stages, device, progress).</summary>
    public static YieldCnnTrainer YieldCnn(this RegressionCatalog.RegressionTrainers catalog, YieldCnnTrainerOptions options) =>
        Create(catalog, options, YieldTask.Regression);

    /// <summary>Pretrain-and-Transfer: fine-tunes a copy of <paramref name="pretrained"/> on the target data (the network itself is not changed).</summary>
    public static YieldCnnTrainer YieldCnnTransfer(this RegressionCatalog.RegressionTrainers catalog, PretrainedNetwork pretrained, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Options(labelColumnName, featureColumnName, YieldCnnMethod.PretrainAndTransfer, pretrained: pretrained), YieldTask.Regression);

    /// <summary>Mix Training: one trunk, a source head and a target head, trained on batches of both domains.</summary>
    public static YieldCnnTrainer YieldCnnMix(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Options(labelColumnName, featureColumnName, YieldCnnMethod.MixTraining, sourceData), YieldTask.Regression);

    /// <summary>Pre-trains the CNN on source (simulated) data once; fine-tune it any number of times with <see cref="YieldCnnTransfer(RegressionCatalog.RegressionTrainers, PretrainedNetwork, string, string)"/>.</summary>
    public static PretrainedNetwork PretrainYieldCnn(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions? options = null) =>
        Pretrain(catalog, sourceData, options, YieldTask.Regression);

    /// <summary>Hand-Tune: IMP in pre-training on <paramref name="sourceData"/> and in fine-tuning on the target data (Chen et al., Algorithm 1).</summary>
    public static YieldCnnTrainer YieldCnnHandTune(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Sparse(labelColumnName, featureColumnName, YieldCnnMethod.HandTune, sourceData, sparsity), YieldTask.Regression);

    /// <summary>Bi-RPT: masks m_s and m_t learned by bi-level optimisation on <paramref name="sourceData"/> and the target data (Chen et al., Algorithm 2).</summary>
    public static YieldCnnTrainer YieldCnnBiRpt(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Sparse(labelColumnName, featureColumnName, YieldCnnMethod.BiRpt, sourceData, sparsity), YieldTask.Regression);

    /// <summary>Hand-Tune for the five yield-strength classes.</summary>
    public static YieldCnnTrainer YieldCnnHandTune(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Sparse(labelColumnName, featureColumnName, YieldCnnMethod.HandTune, sourceData, sparsity), YieldTask.Classification);

    /// <summary>Bi-RPT for the five yield-strength classes.</summary>
    public static YieldCnnTrainer YieldCnnBiRpt(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Sparse(labelColumnName, featureColumnName, YieldCnnMethod.BiRpt, sourceData, sparsity), YieldTask.Classification);

    /// <summary>No Pretraining for the five yield-strength classes (key-typed label, e.g. from <c>BinYieldStrength</c>).</summary>
    public static YieldCnnTrainer YieldCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Options(labelColumnName, featureColumnName, YieldCnnMethod.NoPretraining), YieldTask.Classification);

    /// <summary>Trains the classification CNN with the given options.</summary>
    public static YieldCnnTrainer YieldCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, YieldCnnTrainerOptions options) =>
        Create(catalog, options, YieldTask.Classification);

    /// <summary>Pretrain-and-Transfer for classification.</summary>
    public static YieldCnnTrainer YieldCnnTransfer(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, PretrainedNetwork pretrained, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Options(labelColumnName, featureColumnName, YieldCnnMethod.PretrainAndTransfer, pretrained: pretrained), YieldTask.Classification);

    /// <summary>Mix Training for classification.</summary>
    public static YieldCnnTrainer YieldCnnMix(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Options(labelColumnName, featureColumnName, YieldCnnMethod.MixTraining, sourceData), YieldTask.Classification);

    /// <summary>Pre-trains the classification CNN on source data once.</summary>
    public static PretrainedNetwork PretrainYieldCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions? options = null) =>
        Pretrain(catalog, sourceData, options, YieldTask.Classification);

    private static YieldCnnTrainerOptions Options(string label, string feature, YieldCnnMethod method, IDataView? source = null, PretrainedNetwork? pretrained = null) =>
        new() { LabelColumnName = label, FeatureColumnName = feature, Method = method, SourceData = source, Pretrained = pretrained };

    private static YieldCnnTrainerOptions Sparse(string label, string feature, YieldCnnMethod method, IDataView source, SparsityOptions? sparsity)
    {
        ArgumentNullException.ThrowIfNull(source);
        var options = Options(label, feature, method, source);
        options.Sparsity = sparsity ?? new SparsityOptions();
        return options;
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
