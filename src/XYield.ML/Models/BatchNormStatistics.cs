using static TorchSharp.torch;

namespace XYield.ML.Models;

/// <summary>
/// Keeps a network's batch-norm running statistics as they are across a forward pass that must not change them: while
/// the scope is open the network may run in training mode on other data (Bi-RPT's source passes); disposing the scope
/// copies the saved running means, variances and batch counts back. Normalisation inside the pass still uses the batch's
/// own statistics, as training mode does; only what evaluation later reads is protected.
/// </summary>
internal sealed class BatchNormStatistics : IDisposable
{
    private static readonly string[] StatisticNames = ["running_mean", "running_var", "num_batches_tracked"];
    private readonly (Tensor Live, Tensor Saved)[] _buffers;

    private BatchNormStatistics(YieldCnn network)
    {
        using var noGrad = no_grad();
        _buffers = network.named_buffers()
            .Where(b => StatisticNames.Any(name => b.name.EndsWith("." + name, StringComparison.Ordinal)))
            .Select(b => (b.buffer, b.buffer.clone().DetachFromDisposeScope()))
            .ToArray();
    }

    /// <summary>Saves the statistics of <paramref name="network"/>; they are restored when the result is disposed.</summary>
    public static BatchNormStatistics Preserve(YieldCnn network) => new(network);

    /// <summary>The number of statistic buffers kept (three per batch-norm layer).</summary>
    public int Count => _buffers.Length;

    /// <summary>Restores the saved statistics.</summary>
    public void Dispose()
    {
        using var noGrad = no_grad();
        foreach (var (live, saved) in _buffers)
        {
            live.copy_(saved);
            saved.Dispose();
        }
    }
}
