using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>The <see cref="IRowToRowMapper"/> of a row-to-row transform, which <c>PredictionEngine</c> and transformer chains use.</summary>
internal sealed class MappedRowToRowMapper : IRowToRowMapper
{
    private readonly ColumnMapper _mapper;

    public MappedRowToRowMapper(ColumnMapper mapper) => _mapper = mapper;

    public DataViewSchema InputSchema => _mapper.InputSchema;

    public DataViewSchema OutputSchema => _mapper.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        MappedGetters.Dependencies(_mapper, dependingColumns).Input;

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ReferenceEquals(input.Schema, InputSchema) && input.Schema.Count != InputSchema.Count)
        {
            throw new ArgumentException(
                $"The row has {input.Schema.Count} columns; this mapper was built for a schema of {InputSchema.Count}.", nameof(input));
        }

        return new MappedRow(_mapper, input, MappedGetters.Dependencies(_mapper, activeColumns).ActiveOutputs);
    }
}
