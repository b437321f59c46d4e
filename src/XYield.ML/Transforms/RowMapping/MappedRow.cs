using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>A single mapped row over an input row, for <see cref="IRowToRowMapper.GetRow"/> (what <c>PredictionEngine</c> uses).</summary>
internal sealed class MappedRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly MappedGetters _getters;

    public MappedRow(ColumnMapper mapper, DataViewRow input, bool[] activeOutputs)
    {
        _input = input;
        Schema = mapper.OutputSchema;
        _getters = new MappedGetters(mapper, input, i => activeOutputs[i]);
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _getters.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _getters.GetGetter<TValue>(column);
}
