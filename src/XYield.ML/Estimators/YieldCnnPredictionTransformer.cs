using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Methods.HandTune;
using XYield.ML.MlNetInternals;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Transforms;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Estimators;

/// <summary>
/// A trained yield-strength CNN applied to the pseudo-image column: adds <c>Score</c> (Single, GPa) for regression,
/// or <c>Score</c> (class probabilities) and <c>PredictedLabel</c> (key) for classification. Saved with its weights
/// inside ML.NET's model zip by plain <c>mlContext.Model.Save</c>. Owns native memory: dispose it when done.
/// </summary>
public sealed class YieldCnnPredictionTransformer : RowMappingTransformerBase, ILoadableComponent<YieldCnnPredictionTransformer>, IDisposable
{
    private const string WeightsStream = "YieldCnn.bin";
    private readonly string[] _classLabels;

    internal YieldCnnPredictionTransformer(TrainedYieldModel model, string featureColumnName, IReadOnlyList<string> classLabels)
    {
        Model = model;
        FeatureColumnName = featureColumnName;
        _classLabels = [.. classLabels];
    }

    /// <summary>The trained network.</summary>
    public TrainedYieldModel Model { get; }

    /// <summary>Per-layer sparsity of the network's masks m_s, m_t and m_s ⊙ m_t (all zero for the dense methods).</summary>
    public Models.Masking.SparsityReport Sparsity => Model.Sparsity;

    /// <summary>
    /// The cross-validation table that chose N_s and N_t when the trainer ran with <see cref="YieldCnnTrainerOptions.RoundsSearch"/>;
    /// null otherwise and after loading (the table describes the fit, not the model, so it is not saved).
    /// </summary>
    public PruningRoundsSearchResult? RoundsSearch { get; internal init; }

    /// <summary>The pseudo-image column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Regression or classification.</summary>
    public YieldTask Task => Model.Task;

    /// <summary>The class names in key order (classification), from the training label's <c>KeyValues</c>.</summary>
    public IReadOnlyList<string> ClassLabels => _classLabels;

    static ModelVersion ILoadableComponent<YieldCnnPredictionTransformer>.Version => FormatVersion;

    // Format 1: feature column, class labels (count + strings), then the weights stream (YieldModelFormat inside).
    internal static ModelVersion FormatVersion { get; } = new("XYCNNPRD", Current: 1, OldestReadable: 1, LoaderSignature: "XYieldCnnPredictor");

    static YieldCnnPredictionTransformer ILoadableComponent<YieldCnnPredictionTransformer>.Load(ModelReader reader)
    {
        var feature = reader.ReadString();
        var count = reader.Reader.ReadInt32();
        if (count is < 0 or > 1000)
        {
            throw new InvalidDataException($"The saved {nameof(YieldCnnPredictionTransformer)} claims {count} class labels; the file is corrupt.");
        }

        var labels = Enumerable.Range(0, count).Select(_ => reader.ReadString()).ToArray();
        TrainedYieldModel? model = null;
        reader.ReadBinaryStream(WeightsStream, r => model = TrainedYieldModel.Load(r.BaseStream));
        return new YieldCnnPredictionTransformer(model!, feature, labels);
    }

    /// <summary>Releases the network's native memory.</summary>
    public void Dispose() => Model.Dispose();

    private protected override void Save(ModelSaveContext ctx)
    {
        var writer = ComponentLoader<YieldCnnPredictionTransformer>.BeginSave(ctx);
        writer.WriteString(FeatureColumnName);
        writer.Writer.Write(_classLabels.Length);
        foreach (var label in _classLabels)
        {
            writer.WriteString(label);
        }

        writer.WriteBinaryStream(WeightsStream, w => Model.Save(w.BaseStream));
    }

    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        var size = Model.NetworkOptions.ImageShape.Size;
        var feature = InputColumnChecks.Require(inputSchema, YieldCnnTrainer.ComponentName, FeatureColumnName, $"a Vector<Single, {size}> pseudo-image",
            t => t is VectorDataViewType { ItemType: var item, Size: var s } && item == NumberDataViewType.Single && s == size);
        return new Mapper(this, inputSchema, feature);
    }

    private sealed class Mapper : ColumnMapper
    {
        private readonly YieldCnnPredictionTransformer _parent;
        private readonly DataViewSchema.Column _feature;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(YieldCnnPredictionTransformer parent, DataViewSchema inputSchema, DataViewSchema.Column feature)
            : base(inputSchema)
        {
            _parent = parent;
            _feature = feature;
            if (parent.Task == YieldTask.Regression)
            {
                _outputs = [new DataViewSchema.DetachedColumn("Score", NumberDataViewType.Single)];
            }
            else
            {
                var labels = parent._classLabels.Select(l => l.AsMemory()).ToArray();
                var annotations = new DataViewSchema.Annotations.Builder();
                annotations.Add<VBuffer<ReadOnlyMemory<char>>>("KeyValues", new VectorDataViewType(TextDataViewType.Instance, labels.Length),
                    (ref VBuffer<ReadOnlyMemory<char>> value) => new VBuffer<ReadOnlyMemory<char>>(labels.Length, labels).CopyTo(ref value));
                _outputs =
                [
                    new DataViewSchema.DetachedColumn("Score", new VectorDataViewType(NumberDataViewType.Single, labels.Length)),
                    new DataViewSchema.DetachedColumn("PredictedLabel", new KeyDataViewType(typeof(uint), labels.Length), annotations.ToAnnotations()),
                ];
            }
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [_feature.Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex) =>
            CreateGetters(input, i => i == outputIndex)[outputIndex]!;

        /// <summary>Score and PredictedLabel read one <see cref="RowCache{TState}"/>: the network runs once per row.</summary>
        public override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
        {
            var getters = new Delegate?[_outputs.Length];
            if (!Enumerable.Range(0, _outputs.Length).Any(isOutputActive))
            {
                return getters; // The image column is active only when a score is wanted.
            }

            var model = _parent.Model;
            var read = input.GetGetter<VBuffer<float>>(_feature);
            var cache = new RowCache<RowScores>(input, new RowScores(model.NetworkOptions.ImageShape.Size), state =>
            {
                read(ref state.Buffer);
                state.Buffer.CopyTo(state.Image);
                state.Scores = model.Predict(state.Image, batchSize: 1);
            });

            if (_parent.Task == YieldTask.Regression)
            {
                getters[0] = isOutputActive(0) ? (ValueGetter<float>)((ref float score) => score = cache.Get().Scores[0]) : null;
                return getters;
            }

            getters[0] = isOutputActive(0)
                ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> score) => VectorOutput.WriteDense(ref score, cache.Get().Scores))
                : null;
            getters[1] = isOutputActive(1)
                ? (ValueGetter<uint>)((ref uint key) => key = (uint)ArgMax.Of(cache.Get().Scores) + 1)
                : null;
            return getters;
        }
    }

    /// <summary>The buffers of one row object: the input image and the network's output for the current row.</summary>
    private sealed class RowScores(int imageSize)
    {
        public VBuffer<float> Buffer;

        public float[] Image { get; } = new float[imageSize];

        public float[] Scores { get; set; } = [];
    }
}
