using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Transforms;

/// <summary>
/// Base of XYield.ML's row-to-row transformers: added columns are computed lazily per row, the transform
/// works in <see cref="PredictionEngine{TSrc, TDst}"/> and transformer chains, and the transformer is saved
/// inside ML.NET's model zip by plain <c>mlContext.Model.Save</c>. Only XYield.ML derives from it.
/// </summary>
public abstract class RowMappingTransformerBase : ITransformer
{
    private protected RowMappingTransformerBase()
    {
    }

    /// <summary>Always true: every output row depends on its input row only.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The schema <see cref="Transform"/> produces for <paramref name="inputSchema"/>; throws when an input column is missing or of the wrong type.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <summary>Returns a lazy view of <paramref name="input"/> with the added columns; rows are validated when read.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, Bind(input.Schema));
    }

    /// <summary>The row-to-row mapper for <paramref name="inputSchema"/>.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new MappedRowToRowMapper(Bind(inputSchema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => Save(ctx);

    /// <summary>Validates <paramref name="inputSchema"/> and binds the per-row work to it.</summary>
    private protected abstract ColumnMapper Bind(DataViewSchema inputSchema);

    /// <summary>Writes the transformer through <c>MlNetInternals/</c> (header, then fields in the order its loader reads them).</summary>
    private protected abstract void Save(ModelSaveContext ctx);
}
