using Microsoft.ML;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>
/// Per-row work shared by the getters of one row object: <see cref="Get"/> recomputes only when the row has
/// moved, into the same <typeparamref name="TState"/> (reused buffers, so no allocation per row).
/// </summary>
/// <typeparam name="TState">The buffers the computation fills.</typeparam>
internal sealed class RowCache<TState>
    where TState : class
{
    private readonly DataViewRow _row;
    private readonly TState _state;
    private readonly Action<TState> _compute;
    private long _position = -1;

    /// <param name="row">The input row the computation reads.</param>
    /// <param name="state">The buffers, created once per row object.</param>
    /// <param name="compute">Fills <paramref name="state"/> from the row's current values.</param>
    public RowCache(DataViewRow row, TState state, Action<TState> compute)
    {
        _row = row;
        _state = state;
        _compute = compute;
    }

    /// <summary>The state for the row's current position, computed at most once per position.</summary>
    public TState Get()
    {
        var position = _row.Position;
        if (position != _position)
        {
            // Mark only after success, so a failing row fails again on the next read instead of returning stale values.
            _compute(_state);
            _position = position;
        }

        return _state;
    }
}
