using Microsoft.ML;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML;

// The regression trainers: yield strength in GPa.
public static partial class XYieldTrainersCatalog
{
    /// <summary>No Pretraining: trains the yield-strength CNN on the target (experimental) data only.</summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="labelColumnName">The label column: Single, yield strength in GPa.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c>.</returns>
    /// <remarks>Trains with the paper's fine-tuning settings (90 epochs, SGD, lr 1e-3, batch 4); the options overload sets others.
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.FeaturizeAlloy()   // Formula, Temperature → Image
    ///     .Append(mlContext.Regression.Trainers.YieldCnn(labelColumnName: "YieldStrength"));
    /// var model = pipeline.Fit(trainData);
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnn(this RegressionCatalog.RegressionTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Create(catalog, Columns(labelColumnName, featureColumnName), YieldTask.Regression);

    /// <summary>
    /// Trains the yield-strength CNN with the given options: any method of <see cref="YieldCnnMethod"/> (No Pretraining by
    /// default), its source data or pre-trained network, stage settings, network widths, device and progress.
    /// </summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="options">The settings; copied, so later changes to it do not affect the trainer.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c>.</returns>
    /// <exception cref="ArgumentException">The options do not give the method what it needs (named in the message).</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldCnn(new YieldCnnTrainerOptions
    /// {
    ///     LabelColumnName = "YieldStrength",
    ///     FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 30 },
    ///     Device = "cpu",
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnn(this RegressionCatalog.RegressionTrainers catalog, YieldCnnTrainerOptions options) =>
        Create(catalog, options, YieldTask.Regression);

    /// <summary>
    /// Pretrain-and-Transfer: fine-tunes a copy of <paramref name="pretrained"/> on the target data (the network itself is
    /// not changed, so one pre-trained network serves any number of fits).
    /// </summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="pretrained">A regression network from <see cref="PretrainYieldCnn(RegressionCatalog.RegressionTrainers, IDataView, YieldCnnTrainerOptions?)"/> or <see cref="PretrainedNetwork.Load"/>.</param>
    /// <param name="labelColumnName">The label column: Single, yield strength in GPa.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pretrained"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pretrained"/> was trained for classification.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// using var pretrained = mlContext.Regression.Trainers.PretrainYieldCnn(simulatedImages, new YieldCnnTrainerOptions { LabelColumnName = "YieldStrength" });
    /// var model = mlContext.Regression.Trainers.YieldCnnTransfer(pretrained, labelColumnName: "YieldStrength").Fit(trainImages);
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnTransfer(this RegressionCatalog.RegressionTrainers catalog, PretrainedNetwork pretrained, string labelColumnName = "Label", string featureColumnName = "Image") =>
        Transfer(catalog, pretrained, Columns(labelColumnName, featureColumnName), YieldTask.Regression);

    /// <summary>Pretrain-and-Transfer with the given options (columns, fine-tuning stage, device …).</summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="pretrained">A regression network to fine-tune a copy of; it replaces <see cref="YieldCnnTrainerOptions.Pretrained"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Pretrain-and-Transfer. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pretrained"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pretrained"/> was trained for classification, or an option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldCnnTransfer(pretrained, new YieldCnnTrainerOptions
    /// {
    ///     LabelColumnName = "YieldStrength",
    ///     FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 30 },
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnTransfer(this RegressionCatalog.RegressionTrainers catalog, PretrainedNetwork pretrained, YieldCnnTrainerOptions options) =>
        Transfer(catalog, pretrained, options, YieldTask.Regression);

    /// <summary>Mix Training: one trunk, a source head and a target head, trained on batches of both domains at once.</summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data, with the same label and feature columns as the training data.</param>
    /// <param name="labelColumnName">The label column: Single, yield strength in GPa.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> (from the target head).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>Runs with the pre-training stage settings (<see cref="YieldCnnTrainerOptions.Pretraining"/>).
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var model = mlContext.Regression.Trainers.YieldCnnMix(simulatedImages, labelColumnName: "YieldStrength").Fit(trainImages);
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnMix(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, string labelColumnName = "Label", string featureColumnName = "Image") =>
        WithSource(catalog, YieldCnnMethod.MixTraining, sourceData, Columns(labelColumnName, featureColumnName), YieldTask.Regression);

    /// <summary>Mix Training with the given options.</summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data; it replaces <see cref="YieldCnnTrainerOptions.SourceData"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Mix Training. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> (from the target head).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldCnnMix(simulatedImages, new YieldCnnTrainerOptions
    /// {
    ///     LabelColumnName = "YieldStrength",
    ///     Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 2 },
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnMix(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions options) =>
        WithSource(catalog, YieldCnnMethod.MixTraining, sourceData, options, YieldTask.Regression);

    /// <summary>
    /// Pre-trains the CNN on source (simulated) data once; fine-tune it any number of times with
    /// <see cref="YieldCnnTransfer(RegressionCatalog.RegressionTrainers, PretrainedNetwork, string, string)"/>.
    /// </summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="sourceData">The source data: a Single label in GPa and the pseudo-image.</param>
    /// <param name="options">Columns, network, the pre-training stage and device; null for the defaults ("Label", "Image", the paper's settings).</param>
    /// <returns>The pre-trained network; the caller disposes of it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/pretraining/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var raw = SimulatedDataset.CreateDataView(2_000, seed: 0);
    /// var images = mlContext.Transforms.FeaturizePseudoImage().Fit(raw).Transform(raw);
    /// using var pretrained = mlContext.Regression.Trainers.PretrainYieldCnn(images, new YieldCnnTrainerOptions { LabelColumnName = "YieldStrength" });
    /// </code>
    /// </example>
    public static PretrainedNetwork PretrainYieldCnn(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions? options = null) =>
        Pretrain(catalog, sourceData, options, YieldTask.Regression);

    /// <summary>
    /// Hand-Tune (Chen et al., CPAL 2024, Algorithm 1): iterative magnitude pruning in pre-training on
    /// <paramref name="sourceData"/> (N_s rounds, mask m_s) and in fine-tuning on the target data (N_t rounds on the survivors).
    /// </summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data to pre-train and prune on, with the same columns as the training data.</param>
    /// <param name="sparsity">Pruning rate and rounds; null for the defaults (20 % per round, N_s = 2, N_t = 1).</param>
    /// <param name="labelColumnName">The label column: Single, yield strength in GPa.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and reports the sparsity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldCnnHandTune(simulatedImages,
    ///     new SparsityOptions { PretrainingRounds = 2, TransferRounds = 1 }, labelColumnName: "YieldStrength");
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnHandTune(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        WithSource(catalog, YieldCnnMethod.HandTune, sourceData, Columns(labelColumnName, featureColumnName, sparsity), YieldTask.Regression);

    /// <summary>
    /// Hand-Tune with the given options: <see cref="YieldCnnTrainerOptions.Sparsity"/> for the rounds, or
    /// <see cref="YieldCnnTrainerOptions.RoundsSearch"/> to choose N_s and N_t by cross-validation on the training data.
    /// </summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data; it replaces <see cref="YieldCnnTrainerOptions.SourceData"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Hand-Tune. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and reports the sparsity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/>, <paramref name="options"/> or its <see cref="YieldCnnTrainerOptions.Sparsity"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldCnnHandTune(simulatedImages, new YieldCnnTrainerOptions
    /// {
    ///     LabelColumnName = "YieldStrength",
    ///     RoundsSearch = new PruningRoundsSearchOptions { Folds = 5 },   // choose N_s, N_t by cross-validation
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnHandTune(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions options) =>
        WithSource(catalog, YieldCnnMethod.HandTune, sourceData, options, YieldTask.Regression);

    /// <summary>
    /// Bi-RPT (Chen et al., CPAL 2024, Algorithm 2): masks m_s and m_t learned jointly by bi-level optimisation, the lower
    /// level on <paramref name="sourceData"/> and the upper level on the target data.
    /// </summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data, used to pre-train and at the lower level, with the same columns as the training data.</param>
    /// <param name="sparsity">The Bi-RPT coefficients; null for the defaults (γ = 1e-4, λ_m = 3.5, λ_l = λ_u = 1e-3).</param>
    /// <param name="labelColumnName">The label column: Single, yield strength in GPa.</param>
    /// <param name="featureColumnName">The feature column: the 2 × 9 × 18 pseudo-image, a known-size Vector&lt;Single&gt;.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and reports the sparsity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/> is null.</exception>
    /// <remarks>A Bi-RPT step costs several dense steps on a CPU.
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldCnnBiRpt(simulatedImages, labelColumnName: "YieldStrength");
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnBiRpt(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, SparsityOptions? sparsity = null, string labelColumnName = "Label", string featureColumnName = "Image") =>
        WithSource(catalog, YieldCnnMethod.BiRpt, sourceData, Columns(labelColumnName, featureColumnName, sparsity), YieldTask.Regression);

    /// <summary>Bi-RPT with the given options (a given <see cref="YieldCnnTrainerOptions.Pretrained"/> network skips pre-training).</summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="sourceData">The source (simulated) data; it replaces <see cref="YieldCnnTrainerOptions.SourceData"/>.</param>
    /// <param name="options">The settings; <see cref="YieldCnnTrainerOptions.Method"/> is set to Bi-RPT. Copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="YieldCnnPredictionTransformer"/> that adds <c>Score</c> and reports the sparsity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceData"/>, <paramref name="options"/> or its <see cref="YieldCnnTrainerOptions.Sparsity"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Trainers.xml' path='remarks/regression/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldCnnBiRpt(simulatedImages, new YieldCnnTrainerOptions
    /// {
    ///     LabelColumnName = "YieldStrength",
    ///     Pretrained = pretrained,
    ///     Sparsity = new SparsityOptions { Gamma = 1e-3 },
    /// });
    /// </code>
    /// </example>
    public static YieldCnnTrainer YieldCnnBiRpt(this RegressionCatalog.RegressionTrainers catalog, IDataView sourceData, YieldCnnTrainerOptions options) =>
        WithSource(catalog, YieldCnnMethod.BiRpt, sourceData, options, YieldTask.Regression);
}
