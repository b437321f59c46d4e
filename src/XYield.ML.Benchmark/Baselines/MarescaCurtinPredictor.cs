using XYield.ML.Data;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Baselines;

/// <summary>
/// The simulation itself as a predictor (no training): the Maresca–Curtin estimate in GPa for regression, and the class
/// that estimate falls in for classification.
/// </summary>
public sealed class MarescaCurtinPredictor : IBenchmarkMethod
{
    /// <inheritdoc />
    public string Name => "mc";

    /// <inheritdoc />
    public string DisplayName => "Maresca–Curtin (simulation)";

    /// <inheritdoc />
    public bool Supports(YieldTask task) => true;

    /// <inheritdoc />
    public IReadOnlyList<double> Predict(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return fit.Test.Select(p =>
        {
            var gpa = MarescaCurtinEstimates.Of(p);
            return fit.Task == YieldTask.Regression ? gpa : YieldLabels.ClassOf(gpa);
        }).ToArray();
    }
}
