using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>A cursor over a <see cref="MappedDataView"/>: moves the input cursor; added columns are computed when read.</summary>
internal sealed class MappedRowCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly MappedGetters _getters;

    public MappedRowCursor(ColumnMapper mapper, DataViewRowCursor input, bool[] activeOutputs)
    {
        _input = input;
        Schema = mapper.OutputSchema;
        _getters = new MappedGetters(mapper, input, i => activeOutputs[i]);
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override bool MoveNext() => _input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _getters.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _getters.GetGetter<TValue>(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
