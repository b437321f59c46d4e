using Microsoft.ML;
using XYield.ML.Estimators;
using XYield.ML.MlNetInternals;
using XYield.ML.Models;

namespace XYield.ML;

// The recommended regression method: pretrain-and-transfer and a random forest with the Maresca–Curtin feature, averaged.
public static partial class XYieldTrainersCatalog
{
    /// <summary>
    /// XYield.ML's recommended yield-strength predictor: the mean of a CNN fine-tuned from <paramref name="pretrained"/> and a
    /// random forest on the fractions, the temperature and the Maresca–Curtin estimate (computed inside the pipeline), with a
    /// <c>ScoreStdDev</c> calibrated by 5-fold cross-validation on the training data, folds holding whole alloys ("Formula").
    /// </summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="pretrained">A regression network from <c>PretrainYieldCnn</c> or <see cref="PretrainedNetwork.Load"/>; not changed.</param>
    /// <param name="labelColumnName">The label column: Single, yield strength in GPa.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="TransferAndForestTransformer"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pretrained"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pretrained"/> was trained for classification.</exception>
    /// <remarks>Reads Fractions, Temperature and Image (what <c>FeaturizeAlloy</c> adds) and Formula (for the folds).</remarks>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.FeaturizeAlloy()
    ///     .Append(mlContext.Regression.Trainers.YieldTransferAndForest(pretrained, labelColumnName: "YieldStrength"));
    /// var model = pipeline.Fit(trainData);   // Score ± ScoreStdDev in GPa
    /// </code>
    /// </example>
    public static TransferAndForestTrainer YieldTransferAndForest(this RegressionCatalog.RegressionTrainers catalog, PretrainedNetwork pretrained, string labelColumnName = "Label") =>
        YieldTransferAndForest(catalog, pretrained, new TransferAndForestTrainerOptions { LabelColumnName = labelColumnName });

    /// <summary>The recommended predictor with the given options (columns, the CNN's stage and ensemble, the forest, the calibration folds).</summary>
    /// <param name="catalog">The regression trainers catalog, <c>mlContext.Regression.Trainers</c>.</param>
    /// <param name="pretrained">The regression network to fine-tune a copy of; it replaces <c>options.Cnn.Pretrained</c>.</param>
    /// <param name="options">The settings; copied, not changed.</param>
    /// <returns>The trainer; its <c>Fit</c> returns a <see cref="TransferAndForestTransformer"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pretrained"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid (named in the message).</exception>
    /// <example>
    /// <code>
    /// var trainer = mlContext.Regression.Trainers.YieldTransferAndForest(pretrained, new TransferAndForestTrainerOptions
    /// {
    ///     LabelColumnName = "YieldStrength",
    ///     Cnn = new YieldCnnTrainerOptions { EnsembleSize = 5 },   // five fine-tunes: their spread joins the uncertainty
    ///     SpreadCalibration = new SpreadCalibrationOptions { Folds = 10 },
    /// });
    /// </code>
    /// </example>
    public static TransferAndForestTrainer YieldTransferAndForest(this RegressionCatalog.RegressionTrainers catalog, PretrainedNetwork pretrained, TransferAndForestTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Cnn.Pretrained = pretrained;
        FromContext(catalog, copy.Cnn);
        return new TransferAndForestTrainer(copy);
    }
}
