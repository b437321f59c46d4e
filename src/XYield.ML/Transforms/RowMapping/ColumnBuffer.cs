using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>
/// One input column's values for the rows of a <see cref="RowWindow"/>, copied out of the input row so the input
/// cursor can move on. A getter that fails for a row is not fatal here: the failure is kept and raised when that
/// row's value is read, as it would have been without the read-ahead.
/// </summary>
internal abstract class ColumnBuffer
{
    /// <summary>A buffer for <paramref name="column"/> of <paramref name="input"/> with room for <paramref name="capacity"/> rows.</summary>
    public static ColumnBuffer Create(DataViewRow input, DataViewSchema.Column column, int capacity)
    {
        var raw = column.Type.RawType;
        var type = raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>)
            ? typeof(VectorColumnBuffer<>).MakeGenericType(raw.GetGenericArguments()[0])
            : typeof(ValueColumnBuffer<>).MakeGenericType(raw);
        return (ColumnBuffer)Activator.CreateInstance(type, input, column, capacity)!;
    }

    /// <summary>Copies the input row's current value into <paramref name="slot"/>.</summary>
    public abstract void Read(int slot);
}

/// <summary>A <see cref="ColumnBuffer"/> of <typeparamref name="T"/> values.</summary>
internal abstract class ColumnBuffer<T> : ColumnBuffer
{
    private readonly ExceptionDispatchInfo?[] _failures;

    protected ColumnBuffer(int capacity) => _failures = new ExceptionDispatchInfo?[capacity];

    public sealed override void Read(int slot)
    {
        try
        {
            Store(slot);
            _failures[slot] = null;
        }
#pragma warning disable CA1031 // Any failure of the upstream getter is the row's: kept and rethrown when the row is read.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failures[slot] = ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>The value held for <paramref name="slot"/>, or the exception its getter threw.</summary>
    public void Get(int slot, ref T value)
    {
        _failures[slot]?.Throw();
        CopyOut(slot, ref value);
    }

    protected abstract void Store(int slot);

    protected abstract void CopyOut(int slot, ref T value);
}

/// <summary>Scalars, text, keys and ids: values ML.NET treats as immutable, so kept as they are (as its cache does).</summary>
internal sealed class ValueColumnBuffer<T> : ColumnBuffer<T>
{
    private readonly ValueGetter<T> _read;
    private readonly T[] _values;

    public ValueColumnBuffer(DataViewRow input, DataViewSchema.Column column, int capacity)
        : base(capacity)
    {
        _read = input.GetGetter<T>(column);
        _values = new T[capacity];
    }

    protected override void Store(int slot) => _read(ref _values[slot]);

    protected override void CopyOut(int slot, ref T value) => value = _values[slot];
}

/// <summary>Vectors: copied deeply, since a getter may hand out arrays it reuses for the next row.</summary>
internal sealed class VectorColumnBuffer<TItem> : ColumnBuffer<VBuffer<TItem>>
{
    private readonly ValueGetter<VBuffer<TItem>> _read;
    private readonly VBuffer<TItem>[] _values;
    private VBuffer<TItem> _scratch;

    public VectorColumnBuffer(DataViewRow input, DataViewSchema.Column column, int capacity)
        : base(capacity)
    {
        _read = input.GetGetter<VBuffer<TItem>>(column);
        _values = new VBuffer<TItem>[capacity];
    }

    protected override void Store(int slot)
    {
        _read(ref _scratch);
        _scratch.CopyTo(ref _values[slot]);
    }

    protected override void CopyOut(int slot, ref VBuffer<TItem> value) => _values[slot].CopyTo(ref value);
}
