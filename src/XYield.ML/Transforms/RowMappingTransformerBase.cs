using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Transforms;

/// <summary>
/// Base of XYield.ML's row-to-row transformers: added columns are computed lazily per row, the transform
/// works in <see cref="PredictionEngine{TSrc, TDst}"/> and transformer chains, and the transformer is saved
/// inside ML.NET's model zip by plain <c>mlContext.Model.Save</c>. Only XYield.ML derives from it.
/// </summary>
/// <remarks>
/// Everything a derived transformer does happens behind <see cref="ITransformer"/>'s members, so a chain, a variable
/// typed <see cref="ITransformer"/> and a model reloaded by <c>mlContext.Model.Load</c> behave as the concrete type.
/// A transformer that leaves rows out (<see cref="InvalidRowHandling.Skip"/>) is, like ML.NET's row filters, not a
/// row-to-row mapper: <see cref="IsRowToRowMapper"/> is false and a <c>PredictionEngine</c> cannot be made from it.
/// </remarks>
public abstract class RowMappingTransformerBase : ITransformer
{
    private protected RowMappingTransformerBase()
    {
    }

    /// <summary>True when every output row comes from its input row alone; false when the transformer leaves rows out.</summary>
    public bool IsRowToRowMapper => NotRowToRowReason is null;

    /// <summary>The schema <see cref="Transform"/> produces for <paramref name="inputSchema"/>; throws when an input column is missing or of the wrong type.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <summary>Returns a lazy view of <paramref name="input"/> with the added columns; rows are validated when read.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return DropRows(new MappedDataView(input, Bind(input.Schema)));
    }

    /// <summary>The row-to-row mapper for <paramref name="inputSchema"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="IsRowToRowMapper"/> is false (the message says why).</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        if (NotRowToRowReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        return new MappedRowToRowMapper(Bind(inputSchema));
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => Save(ctx);

    /// <summary>Null for a row-to-row transformer; otherwise why it is not one (the message of <see cref="GetRowToRowMapper"/>).</summary>
    private protected virtual string? NotRowToRowReason => null;

    /// <summary>Leaves rows out of <see cref="Transform"/>'s mapped output; the default keeps them all.</summary>
    private protected virtual IDataView DropRows(IDataView mapped) => mapped;

    /// <summary>Validates <paramref name="inputSchema"/> and binds the per-row work to it.</summary>
    private protected abstract ColumnMapper Bind(DataViewSchema inputSchema);

    /// <summary>Writes the transformer through <c>MlNetInternals/</c> (header, then fields in the order its loader reads them).</summary>
    private protected abstract void Save(ModelSaveContext ctx);
}
