// One line per saveable XYield.ML component: how ML.NET's catalog finds its loader when
// mlContext.Model.Load meets the component's loader signature (see ModelVersion.LoaderSignature).
using Microsoft.ML;
using XYield.ML.MlNetInternals;
using XYield.ML.Transforms;

[assembly: LoadableClass(typeof(ITransformer), typeof(ComponentLoader<YieldStrengthBinningTransformer>), null, typeof(SignatureLoadModel),
    "XYield yield-strength binning", "XYieldYieldStrengthBins")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ComponentLoader<PseudoImageFeaturizingTransformer>), null, typeof(SignatureLoadModel),
    "XYield pseudo-image featurizer", "XYieldPseudoImage")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ComponentLoader<CompositionFeaturizingTransformer>), null, typeof(SignatureLoadModel),
    "XYield composition featurizer", "XYieldComposition")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ComponentLoader<XYield.ML.Estimators.YieldCnnPredictionTransformer>), null, typeof(SignatureLoadModel),
    "XYield CNN predictor", "XYieldCnnPredictor")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ComponentLoader<ApplicabilityDomainTransformer>), null, typeof(SignatureLoadModel),
    "XYield applicability domain", "XYieldDomain")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ComponentLoader<XYield.ML.Estimators.TransferAndForestTransformer>), null, typeof(SignatureLoadModel),
    "XYield transfer-and-forest predictor", "XYieldTransferAndForest")]
