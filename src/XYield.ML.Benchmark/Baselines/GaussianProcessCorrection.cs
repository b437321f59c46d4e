using XYield.ML.Data;
using XYield.ML.GaussianProcesses;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Baselines;

/// <summary>
/// The physics-informed Gaussian process (<see cref="PhysicsPriorGaussianProcess"/>): the Maresca–Curtin estimate as the
/// prior mean's trend, a Gaussian process for the departures, kernel settings by marginal likelihood on the training part.
/// For classification it predicts the class its mean falls in.
/// </summary>
public sealed class GaussianProcessCorrection : IUncertainBenchmarkMethod
{
    /// <inheritdoc />
    public string Name => "gp+mc";

    /// <inheritdoc />
    public string DisplayName => "Gaussian process on the Maresca–Curtin trend";

    /// <inheritdoc />
    public bool Supports(YieldTask task) => true;

    /// <inheritdoc />
    public IReadOnlyList<double> Predict(BenchmarkFit fit) =>
        PredictWithUncertainty(fit).Select(p => fit.Task == YieldTask.Regression ? p.Mean : YieldLabels.ClassOf(Math.Max(0, p.Mean))).ToArray();

    /// <inheritdoc />
    public IReadOnlyList<(double Mean, double StandardDeviation)> PredictWithUncertainty(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var process = PhysicsPriorGaussianProcess.Fit(
            fit.Train.Select(p => (p.Composition.ToPaletteFractions(), p.TemperatureKelvin, p.YieldStrengthGpa)).ToArray());
        return fit.Test.Select(p => process.Predict(p.Composition.ToPaletteFractions(), p.TemperatureKelvin)).ToArray();
    }
}
