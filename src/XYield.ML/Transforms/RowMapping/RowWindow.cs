using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>Reads the value of a column for one row of a <see cref="RowWindow"/>.</summary>
internal delegate void SlotGetter<TValue>(int slot, ref TValue value);

/// <summary>
/// The rows a <see cref="BatchedRowCursor"/> has read ahead of its position: up to <see cref="Capacity"/> rows of the
/// input cursor with the values of the needed input columns copied out. One window per cursor, refilled in place, so a
/// cursor holds at most one batch whatever the size of the data (and needs no row count).
/// </summary>
internal sealed class RowWindow
{
    private readonly DataViewRowCursor _input;
    private readonly ColumnBuffer?[] _columns;
    private readonly ColumnBuffer[] _buffered;
    private readonly ValueGetter<DataViewRowId> _readId;
    private readonly DataViewRowId[] _ids;
    private ExceptionDispatchInfo? _moveFailure;
    private bool _inputDone;

    /// <param name="input">The cursor to read ahead on; owned by the caller.</param>
    /// <param name="columns">The input columns to copy out (active in <paramref name="input"/>).</param>
    /// <param name="capacity">Rows per batch.</param>
    public RowWindow(DataViewRowCursor input, IEnumerable<DataViewSchema.Column> columns, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _input = input;
        Capacity = capacity;
        _columns = new ColumnBuffer?[input.Schema.Count];
        foreach (var column in columns)
        {
            _columns[column.Index] = ColumnBuffer.Create(input, column, capacity);
        }

        _buffered = [.. _columns.OfType<ColumnBuffer>()];
        _readId = input.GetIdGetter();
        _ids = new DataViewRowId[capacity];
    }

    /// <summary>Rows per batch.</summary>
    public int Capacity { get; }

    /// <summary>Rows in the current batch.</summary>
    public int Count { get; private set; }

    /// <summary>The slot of the cursor's current row, −1 before the first row.</summary>
    public int Current { get; private set; } = -1;

    /// <summary>Changes with every refill, so per-batch results can tell they are stale.</summary>
    public long Generation { get; private set; }

    /// <summary>The cursor position of slot 0 (for messages that name a row).</summary>
    public long FirstPosition { get; private set; }

    /// <summary>The row id of the current row.</summary>
    public DataViewRowId CurrentId => _ids[Current];

    /// <summary>Whether <paramref name="inputIndex"/> is copied out.</summary>
    public bool Holds(int inputIndex) => _columns[inputIndex] is not null;

    /// <summary>Moves to the next row, reading the next batch when this one is used up; false at the end.</summary>
    public bool MoveNext()
    {
        if (Current + 1 < Count)
        {
            Current++;
            return true;
        }

        return Fill();
    }

    /// <summary>A getter of input column <paramref name="inputIndex"/> for any slot of the batch.</summary>
    public SlotGetter<TValue> GetSlotGetter<TValue>(int inputIndex)
    {
        var buffer = Buffer<TValue>(inputIndex);
        return buffer.Get;
    }

    /// <summary>A getter of input column <paramref name="inputIndex"/> at the current row.</summary>
    public ValueGetter<TValue> GetCurrentGetter<TValue>(int inputIndex)
    {
        var buffer = Buffer<TValue>(inputIndex);
        return (ref TValue value) => buffer.Get(Current, ref value);
    }

    private ColumnBuffer<TValue> Buffer<TValue>(int inputIndex)
    {
        var column = _input.Schema[inputIndex];
        var buffer = _columns[inputIndex]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when creating the cursor.");
        return buffer as ColumnBuffer<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name} values; a getter of {typeof(TValue).Name} was requested.");
    }

    private bool Fill()
    {
        // A failure of the input's MoveNext during the previous read-ahead belongs to the row after that batch.
        _moveFailure?.Throw();
        FirstPosition += Count;
        Count = 0;
        Current = -1;
        Generation++;
        while (Count < Capacity && !_inputDone)
        {
            try
            {
                _inputDone = !_input.MoveNext();
            }
#pragma warning disable CA1031 // Kept and rethrown once the rows read before it have been served.
            catch (Exception e) when (Count > 0)
#pragma warning restore CA1031
            {
                _moveFailure = ExceptionDispatchInfo.Capture(e);
                break;
            }

            if (_inputDone)
            {
                break;
            }

            _readId(ref _ids[Count]);
            foreach (var column in _buffered)
            {
                column.Read(Count);
            }

            Count++;
        }

        if (Count == 0)
        {
            return false;
        }

        Current = 0;
        return true;
    }
}
