using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>
/// A cursor over a <see cref="MappedDataView"/> of a <see cref="BatchedColumnMapper"/>: reads a batch of rows ahead
/// into its <see cref="RowWindow"/> and serves input and added columns from there, in the input's order.
/// </summary>
internal sealed class BatchedRowCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly RowWindow _window;
    private readonly Delegate?[] _outputs;
    private readonly int _inputCount;
    private long _position = -1;

    public BatchedRowCursor(BatchedColumnMapper mapper, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> inputColumns, bool[] activeOutputs)
    {
        _input = input;
        Schema = mapper.OutputSchema;
        _inputCount = mapper.InputSchema.Count;
        _window = new RowWindow(input, inputColumns, mapper.BatchSize);
        _outputs = mapper.CreateBatchGetters(_window, i => activeOutputs[i]);
    }

    public override DataViewSchema Schema { get; }

    // The input cursor is ahead by up to a batch: positions are counted here.
    public override long Position => _position;

    public override long Batch => _input.Batch;

    public override bool MoveNext()
    {
        if (!_window.MoveNext())
        {
            return false;
        }

        _position++;
        return true;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _window.CurrentId;

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _inputCount ? _window.Holds(column.Index) : _outputs[column.Index - _inputCount] is not null;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < _inputCount)
        {
            return _window.GetCurrentGetter<TValue>(column.Index);
        }

        var getter = _outputs[column.Index - _inputCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when creating the cursor.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException(
                $"Column '{column.Name}' holds {column.Type.RawType.Name} values; a getter of {typeof(TValue).Name} was requested.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
