using Microsoft.ML;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>The lazy result of a row-to-row transform: nothing is computed until a cursor reads an added column.</summary>
internal sealed class MappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ColumnMapper _mapper;

    public MappedDataView(IDataView input, ColumnMapper mapper)
    {
        _input = input;
        _mapper = mapper;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _mapper.OutputSchema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (inputColumns, activeOutputs) = MappedGetters.Dependencies(_mapper, columnsNeeded);
        return Wrap(_input.GetRowCursor(inputColumns, rand), inputColumns, activeOutputs);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (inputColumns, activeOutputs) = MappedGetters.Dependencies(_mapper, columnsNeeded);
        return _input.GetRowCursorSet(inputColumns, n, rand)
            .Select(cursor => Wrap(cursor, inputColumns, activeOutputs))
            .ToArray();
    }

    // Each cursor of a set gets its own batch: the rows it computes are the rows it serves.
    private DataViewRowCursor Wrap(DataViewRowCursor input, IEnumerable<DataViewSchema.Column> inputColumns, bool[] activeOutputs) =>
        _mapper is BatchedColumnMapper batched && activeOutputs.Contains(true)
            ? new BatchedRowCursor(batched, input, inputColumns, activeOutputs)
            : new MappedRowCursor(_mapper, input, activeOutputs);
}
