using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
using XYield.ML.Models.Masking;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// The outcome of one (method, task, split, seed) run: the test metric and every test point's prediction. For
/// cross-validation the ten folds form one run (each point predicted once, by the fold that held it out) and the
/// metric is computed over all of them.
/// </summary>
/// <param name="Method">The method's short name, e.g. "lgbm".</param>
/// <param name="Task">"regression" or "classification".</param>
/// <param name="Split">The split's name: "5", "10" (few-shot percent) or "cv".</param>
/// <param name="Seed">The seed of the split (and of the method).</param>
/// <param name="Metric">Test MSE in GPa² (regression) or test accuracy (classification).</param>
/// <param name="Points">The test points with their predictions.</param>
/// <param name="Protocol">"final-epoch" or "best-test-epoch" (<see cref="EvaluationProtocols"/>).</param>
/// <param name="SelectedEpochs">
/// Under best-test-epoch, the epoch picked on each partition (one, or ten for cross-validation); null for final-epoch
/// and for methods without epochs.
/// </param>
/// <param name="FinalEpochMetric">Under best-test-epoch, the metric the final epoch scored, for comparison; else null.</param>
/// <param name="Sparsity">For the sparse methods, the per-layer mask sparsity (averaged over cross-validation's folds); else null.</param>
/// <param name="Search">
/// With a coefficient search (Bi-RPT under <c>--search</c>), every candidate's cross-validated score on the training part,
/// one list per partition concatenated (cross-validation: ten); else null.
/// </param>
/// <param name="EpochChoices">
/// For the entries that choose their fine-tuning epoch by cross-validation on the training part ("pt-cv"), the choice on each
/// partition (one, or ten for cross-validation); else null.
/// </param>
public sealed record RunResult(
    string Method,
    string Task,
    string Split,
    int Seed,
    double Metric,
    IReadOnlyList<PointPrediction> Points,
    string Protocol = EvaluationProtocols.FinalEpoch,
    IReadOnlyList<int>? SelectedEpochs = null,
    double? FinalEpochMetric = null,
    IReadOnlyList<LayerSparsity>? Sparsity = null,
    IReadOnlyList<SearchEntry>? Search = null,
    IReadOnlyList<EpochChoice>? EpochChoices = null)
{
    /// <summary>The task name of regression runs.</summary>
    public const string Regression = "regression";

    /// <summary>The task name of classification runs.</summary>
    public const string Classification = "classification";

    /// <summary>Identifies the run; a store holds at most one result per key.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RunKey Key => new(Method, Task, Split, Seed);

    /// <summary>Whether <paramref name="other"/> is the same run with the same numbers: every member equal, lists item by item.</summary>
    /// <param name="other">The other result.</param>
    public bool Equals(RunResult? other) =>
        other is not null
        && Key == other.Key
        && Metric.Equals(other.Metric)
        && Protocol == other.Protocol
        && Nullable.Equals(FinalEpochMetric, other.FinalEpochMetric)
        && Points.SequenceEqual(other.Points)
        && SameItems(SelectedEpochs, other.SelectedEpochs)
        && SameItems(Sparsity, other.Sparsity)
        && SameItems(Search, other.Search)
        && SameItems(EpochChoices, other.EpochChoices);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, Metric, Points.Count);

    private static bool SameItems<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}

/// <summary>One candidate of a coefficient search on one training part.</summary>
/// <param name="Candidate">The candidate's description, e.g. "budget 0.5, λ_l 0.001".</param>
/// <param name="CvMetric">Its mean metric over the folds of the training part (MSE in GPa², or accuracy).</param>
/// <param name="JointSparsity">The mean fraction of weights its fold fits removed.</param>
/// <param name="Chosen">Whether the search chose it (and the run's model was trained with it).</param>
public sealed record SearchEntry(string Candidate, double CvMetric, double JointSparsity, bool Chosen);

/// <summary>The fine-tuning epoch cross-validation on one training part chose.</summary>
/// <param name="Epoch">The chosen 1-based epoch, where the run's model stopped.</param>
/// <param name="MaxEpoch">The epochs of the full schedule.</param>
/// <param name="CvMetric">The mean CV metric at the chosen epoch (MSE in GPa², or accuracy).</param>
/// <param name="LastEpochCvMetric">The mean CV metric after the last epoch, in the same folds.</param>
public sealed record EpochChoice(int Epoch, int MaxEpoch, double CvMetric, double LastEpochCvMetric);

/// <summary>What identifies a run.</summary>
public readonly record struct RunKey(string Method, string Task, string Split, int Seed);

/// <summary>One test point of a run.</summary>
/// <param name="Composition">The composition in the exact fraction form ("Mo0.25 Nb0.25 Ta0.25 W0.25").</param>
/// <param name="TemperatureKelvin">The test temperature in K.</param>
/// <param name="Actual">Measured yield strength in GPa (regression) or its class index 0–4 (classification).</param>
/// <param name="Predicted">Predicted yield strength in GPa, or the predicted class index.</param>
public sealed record PointPrediction(string Composition, double TemperatureKelvin, double Actual, double Predicted)
{
    /// <summary>The predictive standard deviation (GPa) of a regression method with an uncertainty; null otherwise (and in older files).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? StandardDeviation { get; init; }
}
