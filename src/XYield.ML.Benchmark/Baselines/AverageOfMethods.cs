using XYield.ML.Data;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Baselines;

/// <summary>
/// The equal-weight average of two regression methods' yield-strength predictions (for classification: the class the
/// averaged strength falls in). The weights are fixed at ½ before any result is seen, so nothing is tuned on a test set;
/// two methods whose errors are partly independent average to a lower error than either (the random forest and the
/// Gaussian process on the Maresca–Curtin trend err differently: one is piecewise constant, the other smooth).
/// </summary>
public sealed class AverageOfMethods : IBenchmarkMethod
{
    private readonly IBenchmarkMethod _first;
    private readonly IBenchmarkMethod _second;

    /// <summary>Averages <paramref name="first"/> and <paramref name="second"/>.</summary>
    /// <param name="name">The short name, e.g. "blend+mc".</param>
    /// <param name="displayName">The table name.</param>
    /// <param name="first">One method (its regression predictions are used).</param>
    /// <param name="second">The other.</param>
    public AverageOfMethods(string name, string displayName, IBenchmarkMethod first, IBenchmarkMethod second)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        Name = name;
        DisplayName = displayName;
        _first = first ?? throw new ArgumentNullException(nameof(first));
        _second = second ?? throw new ArgumentNullException(nameof(second));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <summary>The two averaged methods' short names.</summary>
    public (string First, string Second) Parts => (_first.Name, _second.Name);

    /// <inheritdoc />
    public bool Supports(YieldTask task) => _first.Supports(YieldTask.Regression) && _second.Supports(YieldTask.Regression);

    /// <inheritdoc />
    public IReadOnlyList<double> Predict(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var strength = fit with { Task = YieldTask.Regression, OnEpoch = null };
        var a = _first.Predict(strength);
        var b = _second.Predict(strength);
        return a.Zip(b, (x, y) => (x + y) / 2).Select(v => fit.Task == YieldTask.Regression ? v : YieldLabels.ClassOf(Math.Max(0, v))).ToArray();
    }
}
