using Microsoft.ML.Data;

namespace XYield.ML.Estimators;

/// <summary>One row of the recommended model's forest data: its 13 features (and, for training, the label).</summary>
internal sealed class ForestRow
{
    [VectorType(ForestFeaturesTransformer.FeatureCount)]
    public float[] ForestFeatures { get; set; } = [];

    public float Label { get; set; }
}
