using Microsoft.ML;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML;

// The classification trainers: the five yield-strength classes of BinYieldStrength (or other bins).
public static partial class XYieldTrainersCatalog
{
    /// <summary>No Pretraining for the yield-strength classes: trains the CNN on the target (experimental) data only.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="labelColumnName">The label column: key-typed, e.g. from <c>BinYieldStrength</c>.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.FeaturizeAlloy()
    ///     .Append(mlContext.Transforms.BinYieldStrength("Label", "YieldStrength"))   // five classes, named
    ///     .Append(mlContext.MulticlassClassification.Trainers.YieldCnn());
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Columns(labelColumnName, featureColumnName), YieldTask.Classification);

    /// <summary>Trains the classification CNN with the given options (any <see cref="YieldCnnMethod"/>, No Pretraining by default).</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="options">The settings; copied, so later changes to it do not affect the trainer.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentException">The options do not give the method what it needs (named in the message).</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.MulticlassClassification.Trainers.YieldCnn(new YieldCnnTrainerOptions
    /// {
    ///     FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 30 },
    ///     Device = "cpu",
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, YieldCnnTrainerOptions options) =>
        Create(catalog, options, YieldTask.Classification);

    /// <summary>Pretrain-and-Transfer for classification: fine-tunes a copy of <paramref name="pretrained"/> on the target data.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="pretrained">A classification network from <see cref="PretrainYieldCnn(MulticlassClassificationCatalog.MulticlassClassificationTrainers, IDataView, YieldCnnTrainerOptions?)"/> or <see cref="PretrainedNetwork.Load"/>.</param>
    /// <param name="labelColumnName">The label column: key-typed, e.g. from <c>BinYieldStrength</c>.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pretrained"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pretrained"/> was trained for regression.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// using var pretrained = mlContext.MulticlassClassification.Trainers.PretrainYieldCnn(simulatedClasses);
    /// var model = mlContext.MulticlassClassification.Trainers.YieldCnnTransfer(pretrained).Fit(trainClasses);
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnTransfer(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, PretrainedNetwork pretrained, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Transfer(catalog, pretrained, Columns(labelColumnName, featureColumnName), YieldTask.Classification);

    /// <summary>Pretrain-and-Transfer for classification with the given options.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="pretrained">A classification network to fine-tune a copy of; it replaces <see cref="YieldCnnTrainerOptions.Pretrained"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Pretrain-and-Transfer. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pretrained"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pretrained"/> was trained for regression, or an option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.MulticlassClassification.Trainers.YieldCnnTransfer(pretrained, new YieldCnnTrainerOptions
    /// {
    ///     FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 30 },
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnTransfer(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, PretrainedNetwork pretrained, YieldCnnTrainerOptions options) =>
        Transfer(catalog, pretrained, options, YieldTask.Classification);

    /// <summary>Mix Training for classification: one trunk, a source head and a target head, trained on batches of both domains.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data, with the same key-typed label and feature columns as the training data.</param>
    /// <param name="labelColumnName">The label column: key-typed, e.g. from <c>BinYieldStrength</c>.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>Runs with the pre-training stage settings (<see cref="YieldCnnTrainerOptions.Pretraining"/>).
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var model = mlContext.MulticlassClassification.Trainers.YieldCnnMix(simulatedClasses).Fit(trainClasses);
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnMix(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, string labelColumnName = "Label", string featureColumnName = "Image") =>
        WithSource(catalog, YieldCnnMethod.MixTraining, sourceData, Columns(labelColumnName, featureColumnName), YieldTask.Classification);

    /// <summary>Mix Training for classification with the given options.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data; it replaces <see cref="YieldCnnTrainerOptions.SourceData"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Mix Training. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.MulticlassClassification.Trainers.YieldCnnMix(simulatedClasses, new YieldCnnTrainerOptions
    /// {
    ///     Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 2 },
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnMix(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions options) =>
        WithSource(catalog, YieldCnnMethod.MixTraining, sourceData, options, YieldTask.Classification);

    /// <summary>Pre-trains the classification CNN on source (simulated) data once, for any number of Pretrain-and-Transfer fits.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="sourceData">The source data: a key-typed label and the pseudo-image.</param>
    /// <param name="options">Columns, network, the pre-training stage and device; null for the defaults ("Label", "Image", the paper's settings).</param>
    /// <returns>The pre-trained network; the caller disposes of it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/pretraining/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var raw = SimulatedDataset.CreateDataView(2_000, seed: 0);
    /// var classes = mlContext.Transforms.FeaturizePseudoImage()
    ///     .Append(mlContext.Transforms.BinYieldStrength("Label", "YieldStrength")).Fit(raw).Transform(raw);
    /// using var pretrained = mlContext.MulticlassClassification.Trainers.PretrainYieldCnn(classes);
    /// </code>
    /// </example>
    public static PretrainedNetwork PretrainYieldCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions? options = null) =>
        Pretrain(catalog, sourceData, options, YieldTask.Classification);

    /// <summary>Hand-Tune for the yield-strength classes: IMP in pre-training on <paramref name="sourceData"/> and in fine-tuning.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data to pre-train and prune on, with the same columns as the training data.</param>
    /// <param name="sparsity">Pruning rate and rounds; null for the defaults (20 % per round, N_s = 2, N_t = 1).</param>
    /// <param name="labelColumnName">The label column: key-typed, e.g. from <c>BinYieldStrength</c>.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.MulticlassClassification.Trainers.YieldCnnHandTune(simulatedClasses, new SparsityOptions { TransferRounds = 2 });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnHandTune(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        WithSource(catalog, YieldCnnMethod.HandTune, sourceData, Columns(labelColumnName, featureColumnName, sparsity), YieldTask.Classification);

    /// <summary>Hand-Tune for classification with the given options (<see cref="YieldCnnTrainerOptions.Sparsity"/> or <see cref="YieldCnnTrainerOptions.RoundsSearch"/>).</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data; it replaces <see cref="YieldCnnTrainerOptions.SourceData"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Hand-Tune. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/>, <paramref name="options"/> or its <see cref="YieldCnnTrainerOptions.Sparsity"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.MulticlassClassification.Trainers.YieldCnnHandTune(simulatedClasses, new YieldCnnTrainerOptions
    /// {
    ///     Sparsity = new SparsityOptions { PretrainingRounds = 1, TransferRounds = 1 },
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnHandTune(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions options) =>
        WithSource(catalog, YieldCnnMethod.HandTune, sourceData, options, YieldTask.Classification);

    /// <summary>Bi-RPT for the yield-strength classes: masks m_s and m_t learned by bi-level optimisation on <paramref name="sourceData"/> and the target data.</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data, used to pre-train and at the lower level, with the same columns as the training data.</param>
    /// <param name="sparsity">The Bi-RPT coefficients; null for the defaults (γ = 1e-4, λ_m = 3.5, λ_l = λ_u = 1e-3).</param>
    /// <param name="labelColumnName">The label column: key-typed, e.g. from <c>BinYieldStrength</c>.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>A Bi-RPT step costs several dense steps on a CPU.
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.MulticlassClassification.Trainers.YieldCnnBiRpt(simulatedClasses);
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnBiRpt(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        WithSource(catalog, YieldCnnMethod.BiRpt, sourceData, Columns(labelColumnName, featureColumnName, sparsity), YieldTask.Classification);

    /// <summary>Bi-RPT for classification with the given options (a given <see cref="YieldCnnTrainerOptions.Pretrained"/> network skips pre-training).</summary>
    /// <param name="catalog">The multiclass trainers catalog, <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data; it replaces <see cref="YieldCnnTrainerOptions.SourceData"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Bi-RPT. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and <c>PredictedLabel</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/>, <paramref name="options"/> or its <see cref="YieldCnnTrainerOptions.Sparsity"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/classification/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.MulticlassClassification.Trainers.YieldCnnBiRpt(simulatedClasses, new YieldCnnTrainerOptions
    /// {
    ///     Sparsity = new SparsityOptions { Gamma = 1e-3 },
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnBiRpt(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions options) =>
        WithSource(catalog, YieldCnnMethod.BiRpt, sourceData, options, YieldTask.Classification);
}
