using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Estimators;

/// <summary>
/// The last step inside <see cref="TransferAndForestTransformer"/>: from the forest's score (copied aside before the CNN
/// added its own), the CNN's <c>Score</c> and, for a CNN ensemble, its <c>ScoreStdDev</c>, adds <c>TransferScore</c>, the
/// blended <c>Score</c> and its calibrated <c>ScoreStdDev</c> (<see cref="BlendSpread"/>). Saved as part of its owner.
/// </summary>
internal sealed class BlendTransformer(BlendSpread spread, bool cnnHasSpread) : RowMappingTransformerBase
{
    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        var forest = inputSchema[TransferAndForestTransformer.ForestScoreColumnName];
        var transfer = inputSchema["Score"];
        DataViewSchema.Column? members = cnnHasSpread ? inputSchema[YieldCnnPredictionTransformer.StandardDeviationColumnName] : null;
        return new Mapper(inputSchema, spread, forest, transfer, members);
    }

    private protected override void Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("The blend is saved as part of its TransferAndForestTransformer.");

    private sealed class Mapper(DataViewSchema inputSchema, BlendSpread spread, DataViewSchema.Column forest, DataViewSchema.Column transfer, DataViewSchema.Column? members)
        : ColumnMapper(inputSchema)
    {
        private readonly DataViewSchema.DetachedColumn[] _outputs =
        [
            new(TransferAndForestTransformer.TransferScoreColumnName, NumberDataViewType.Single),
            new("Score", NumberDataViewType.Single),
            new(YieldCnnPredictionTransformer.StandardDeviationColumnName, NumberDataViewType.Single),
        ];

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => outputIndex switch
        {
            0 => [transfer.Index],
            1 => [transfer.Index, forest.Index],
            _ => members is { } m ? [transfer.Index, forest.Index, m.Index] : [transfer.Index, forest.Index],
        };

        public override Delegate CreateGetter(DataViewRow input, int outputIndex)
        {
            var readTransfer = input.GetGetter<float>(transfer);
            if (outputIndex == 0)
            {
                return (ValueGetter<float>)((ref float value) => readTransfer(ref value));
            }

            var readForest = input.GetGetter<float>(forest);
            var readMembers = members is { } m ? input.GetGetter<float>(m) : null;
            float a = 0, b = 0, s = 0;
            if (outputIndex == 1)
            {
                return (ValueGetter<float>)((ref float value) =>
                {
                    readTransfer(ref a);
                    readForest(ref b);
                    value = (float)BlendSpread.Mean(a, b);
                });
            }

            return (ValueGetter<float>)((ref float value) =>
            {
                readTransfer(ref a);
                readForest(ref b);
                readMembers?.Invoke(ref s);
                value = (float)spread.StandardDeviation(a, b, s);
            });
        }
    }
}
