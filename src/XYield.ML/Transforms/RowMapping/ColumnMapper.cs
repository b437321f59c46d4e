using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>
/// The per-row work of a row-to-row transform, bound to one (already validated) input schema: which columns
/// it adds, which input columns each needs, and a lazy getter per added column. The plumbing around it
/// (<see cref="MappedDataView"/>, <see cref="MappedRowCursor"/>, <see cref="MappedRow"/>,
/// <see cref="MappedRowToRowMapper"/>) is shared by every XYield.ML transformer.
/// </summary>
internal abstract class ColumnMapper
{
    private DataViewSchema? _outputSchema;

    protected ColumnMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputSchema = inputSchema;
    }

    /// <summary>The schema the mapper was bound to.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The columns this mapper adds, in order, after all input columns (an added column hides an input column of the same name).</summary>
    public abstract IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>The input schema followed by <see cref="OutputColumns"/>.</summary>
    public DataViewSchema OutputSchema => _outputSchema ??= BuildOutputSchema();

    /// <summary>The indices (in <see cref="InputSchema"/>) of the input columns that added column <paramref name="outputIndex"/> reads.</summary>
    public abstract IEnumerable<int> GetInputColumnIndices(int outputIndex);

    /// <summary>
    /// A <see cref="ValueGetter{TValue}"/> of added column <paramref name="outputIndex"/>'s raw type that reads
    /// <paramref name="input"/> only when called. Getters may keep per-row buffers: each row or cursor gets its own.
    /// </summary>
    public abstract Delegate CreateGetter(DataViewRow input, int outputIndex);

    /// <summary>
    /// The getters of the active added columns of one row object (null for inactive ones). Override when several
    /// outputs share per-row work: create one <see cref="RowCache{TState}"/> here and let every getter read it.
    /// </summary>
    public virtual Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
    {
        ArgumentNullException.ThrowIfNull(isOutputActive);
        var getters = new Delegate?[OutputColumns.Count];
        for (var i = 0; i < getters.Length; i++)
        {
            getters[i] = isOutputActive(i) ? CreateGetter(input, i) : null;
        }

        return getters;
    }

    private DataViewSchema BuildOutputSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(InputSchema);
        foreach (var column in OutputColumns)
        {
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        }

        return builder.ToSchema();
    }
}
