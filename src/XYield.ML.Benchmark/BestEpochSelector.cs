using XYield.ML.Evaluation;
using XYield.ML.Models;

namespace XYield.ML.Benchmark;

/// <summary>
/// The best-test-epoch protocol on one train/test partition: offered the test predictions after every target-data epoch,
/// keeps those with the best test metric (lowest MSE, highest accuracy; the first epoch on ties).
/// </summary>
public sealed class BestEpochSelector
{
    private readonly YieldTask _task;
    private readonly IReadOnlyList<double> _actual;
    private IReadOnlyList<double>? _best;
    private double _bestMetric;
    private int _lastEpoch;

    /// <summary>Creates a selector for the test part whose true values (GPa or class indices) are <paramref name="actual"/>.</summary>
    public BestEpochSelector(YieldTask task, IReadOnlyList<double> actual)
    {
        _task = task;
        _actual = actual;
    }

    /// <summary>The selected epoch (1-based, counted across IMP rounds); null until an epoch is offered.</summary>
    public int? Epoch { get; private set; }

    /// <summary>Offers the test predictions made after <paramref name="epoch"/>.</summary>
    public void Offer(int epoch, IReadOnlyList<double> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count != _actual.Count)
        {
            throw new InvalidOperationException($"Epoch {epoch} predicted {predictions.Count} test points for {_actual.Count}.");
        }

        _lastEpoch = epoch;
        var metric = Score(_task, predictions, _actual);
        if (_best is null || Better(_task, metric, _bestMetric))
        {
            _best = predictions;
            _bestMetric = metric;
            Epoch = epoch;
        }
    }

    /// <summary>
    /// The predictions to score: the best epoch's, or <paramref name="final"/> when no epoch was offered (methods without
    /// epochs) or the final model does strictly better (so the selection never scores worse than the final epoch).
    /// </summary>
    public IReadOnlyList<double> Choose(IReadOnlyList<double> final)
    {
        ArgumentNullException.ThrowIfNull(final);
        if (_best is null)
        {
            return final;
        }

        if (Better(_task, Score(_task, final, _actual), _bestMetric))
        {
            Epoch = _lastEpoch;
            return final;
        }

        return _best;
    }

    /// <summary>Test MSE (regression) or accuracy (classification, values are class indices).</summary>
    public static double Score(YieldTask task, IReadOnlyList<double> predicted, IReadOnlyList<double> actual) =>
        task == YieldTask.Regression
            ? Metrics.MeanSquaredError(predicted, actual)
            : Metrics.Accuracy(predicted.Select(v => (int)v).ToArray(), actual.Select(v => (int)v).ToArray());

    private static bool Better(YieldTask task, double metric, double than) => task == YieldTask.Regression ? metric < than : metric > than;
}
