namespace XYield.ML.Benchmark.Baselines;

/// <summary>Which ML.NET tree-ensemble trainer a baseline uses.</summary>
public enum TreeLearner
{
    /// <summary>Microsoft.ML.LightGbm (multiclass natively).</summary>
    LightGbm,

    /// <summary>Microsoft.ML.FastTree (multiclass as one-versus-all over binary FastTree).</summary>
    FastTree,

    /// <summary>Microsoft.ML.FastTree's random forest, FastForest (multiclass as one-versus-all over binary FastForest).</summary>
    FastForest,
}
