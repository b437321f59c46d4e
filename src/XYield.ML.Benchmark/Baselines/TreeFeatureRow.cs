namespace XYield.ML.Benchmark.Baselines;

/// <summary>One experimental point as the tree trainers see it (public properties for ML.NET's reflection).</summary>
internal sealed class TreeFeatureRow
{
    /// <summary>The 11 palette fractions, T in K, and optionally the Maresca–Curtin estimate in GPa.</summary>
    public float[] Features { get; set; } = [];

    /// <summary>Yield strength in GPa (regression label).</summary>
    public float YieldStrength { get; set; }

    /// <summary>The class index 0–4 as a value, mapped to a key for classification.</summary>
    public float Class { get; set; }
}
