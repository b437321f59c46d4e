using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Estimators;

/// <summary>
/// Copies a Single column under another name; inside <see cref="TransferAndForestTransformer"/> it keeps the forest's
/// <c>Score</c> visible as <c>ForestScore</c> once the CNN adds its own <c>Score</c>. Saved as part of its owner.
/// </summary>
internal sealed class ColumnCopyTransformer(string outputColumnName, string inputColumnName) : RowMappingTransformerBase
{
    private protected override ColumnMapper Bind(DataViewSchema inputSchema) => new Mapper(inputSchema, outputColumnName, inputSchema[inputColumnName]);

    private protected override void Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("The column copy is saved as part of its TransferAndForestTransformer.");

    private sealed class Mapper(DataViewSchema inputSchema, string output, DataViewSchema.Column input) : ColumnMapper(inputSchema)
    {
        private readonly DataViewSchema.DetachedColumn[] _outputs = [new(output, NumberDataViewType.Single)];

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [input.Index];

        public override Delegate CreateGetter(DataViewRow row, int outputIndex) => row.GetGetter<float>(input);
    }
}
