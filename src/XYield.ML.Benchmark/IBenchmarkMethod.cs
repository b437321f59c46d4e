using XYield.ML.Data.Experimental;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;

namespace XYield.ML.Benchmark;

/// <summary>
/// One entry of the benchmark's method list: trains on a split's training part and predicts its test part.
/// The sparse methods plug in later as more implementations registered in <see cref="BenchmarkMethods"/>.
/// </summary>
public interface IBenchmarkMethod
{
    /// <summary>The short name used on the command line and in results, e.g. "lgbm".</summary>
    string Name { get; }

    /// <summary>The name shown in report tables, e.g. "LightGBM".</summary>
    string DisplayName { get; }

    /// <summary>Whether the method can be run on <paramref name="task"/>.</summary>
    bool Supports(YieldTask task);

    /// <summary>
    /// Trains on <paramref name="fit"/>'s training points and predicts its test points, in their order: yield strength
    /// in GPa for regression, the class index 0–4 (<see cref="XYield.ML.Data.YieldLabels.ClassOf"/>) for classification.
    /// </summary>
    IReadOnlyList<double> Predict(BenchmarkFit fit);
}

/// <summary>A method whose regression predictions come with a standard deviation; the report's calibration table reads it.</summary>
public interface IUncertainBenchmarkMethod : IBenchmarkMethod
{
    /// <summary>Like <see cref="IBenchmarkMethod.Predict"/> for regression, with each prediction's standard deviation (GPa, &gt; 0).</summary>
    IReadOnlyList<(double Mean, double StandardDeviation)> PredictWithUncertainty(BenchmarkFit fit);
}

/// <summary>What a method is given for one train/test partition.</summary>
/// <param name="Task">Regression or classification.</param>
/// <param name="Train">The training points.</param>
/// <param name="Test">The points to predict.</param>
/// <param name="Seed">The run's seed (the split's seed).</param>
/// <param name="Cancellation">Stops long training between steps.</param>
public sealed record BenchmarkFit(YieldTask Task, ExperimentalDataSet Train, ExperimentalDataSet Test, int Seed, CancellationToken Cancellation)
{
    /// <summary>Where training progress goes (the live console view); null for none.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Set only under the best-test-epoch protocol: a method that trains in epochs calls it after every epoch on the
    /// target data with the epoch's 1-based number (counted on across IMP rounds) and its predictions of
    /// <see cref="Test"/>, as <see cref="IBenchmarkMethod.Predict"/> returns them. When null, predict nothing between epochs.
    /// </summary>
    public Action<int, IReadOnlyList<double>>? OnEpoch { get; init; }

    /// <summary>Receives the trained network's mask sparsity; the sparse methods call it once per partition.</summary>
    public Action<SparsityReport>? OnSparsity { get; init; }

    /// <summary>Receives a coefficient search's table (Bi-RPT with a search); called once per partition.</summary>
    public Action<IReadOnlyList<Report.SearchEntry>>? OnSearch { get; init; }

    /// <summary>Receives the fine-tuning epoch chosen by cross-validation on the training part ("pt-cv"); called once per partition.</summary>
    public Action<Report.EpochChoice>? OnEpochChoice { get; init; }
}
