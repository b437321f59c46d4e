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
/// inside ML.NET's model zip by plain <c>mlContext.Model.Save</c>. Owns native memory: dispose it when done; any use
/// afterwards (transforming, predicting, saving) throws <see cref="ObjectDisposedException"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Batch scoring.</b> A cursor of <see cref="RowMappingTransformerBase.Transform"/>'s output reads
/// <see cref="ScoringBatchSize"/> rows ahead and scores them in one forward pass on the model's device when the first
/// score is read; each cursor (also each cursor of a cursor set) holds one batch, so memory does not grow with the data.
/// On the CPU the scores equal row-by-row scoring (<c>PredictionEngine</c>) bit for bit.
/// </para>
/// <para>
/// <b>Threads.</b> As everywhere in ML.NET, a <see cref="PredictionEngine{TSrc, TDst}"/> is not thread-safe: one engine
/// used from several threads at once returns wrong scores. Create one engine per thread from this transformer (engines
/// may be created and used concurrently; they share the read-only network), use an object pool of engines (ML.NET's
/// <c>PredictionEnginePool</c> in Microsoft.Extensions.ML), or score many rows through <c>Transform</c>, whose
/// cursors may each run on their own thread. <see cref="Dispose"/> must not race with any of them.
/// </para>
/// <para>
/// <b>Engines own their transformer.</b> ML.NET's <c>PredictionEngine.Dispose</c> disposes the transformer (or chain) it
/// was made from unless it was created with <c>new PredictionEngineOptions { OwnsTransformer = false }</c>: engines that
/// share this transformer must be made that way, and the transformer disposed once, after the last of them.
/// </para>
/// </remarks>
public sealed class YieldCnnPredictionTransformer : RowMappingTransformerBase, ILoadableComponent<YieldCnnPredictionTransformer>, IDisposable
{
    private const string WeightsStream = "YieldCnn.bin";
    private readonly string[] _classLabels;

    internal YieldCnnPredictionTransformer(TrainedYieldModel model, string featureColumnName, IReadOnlyList<string> classLabels)
        : this([model], featureColumnName, classLabels)
    {
    }

    internal YieldCnnPredictionTransformer(IReadOnlyList<TrainedYieldModel> members, string featureColumnName, IReadOnlyList<string> classLabels, double spreadScale = 1)
    {
        if (!(spreadScale > 0) || !double.IsFinite(spreadScale))
        {
            throw new ArgumentOutOfRangeException(nameof(spreadScale), spreadScale, "The spread scale must be a positive finite number.");
        }

        SpreadScale = spreadScale;
        Members = [.. members];
        Model = Members[0];
        FeatureColumnName = featureColumnName;
        _classLabels = [.. classLabels];
    }

    /// <summary>The output column of an ensemble's spread: the members' sample standard deviation in GPa (regression, K &gt; 1), times <see cref="SpreadScale"/>.</summary>
    public const string StandardDeviationColumnName = "ScoreStdDev";

    /// <summary>Rows a cursor of <c>Transform</c>'s output scores per forward pass unless <see cref="ScoringBatchSize"/> is set.</summary>
    /// <remarks>
    /// 512 keeps the largest activation of the default network (512 × 64 × 9 × 18 floats, 21 MB) under the 32 MiB up to
    /// which glibc reuses heap pages (<c>Runtime/NativeAllocator.cs</c>); at 1024 (42 MB) every batch faults fresh pages in,
    /// and CPU throughput was about 10 % lower on a 2-core machine.
    /// </remarks>
    public const int DefaultScoringBatchSize = 512;

    private int _scoringBatchSize = DefaultScoringBatchSize;

    /// <summary>The trained network (an ensemble's first member).</summary>
    public TrainedYieldModel Model { get; }

    /// <summary>Every trained network: one, or the K members of an ensemble (<see cref="YieldCnnTrainerOptions.EnsembleSize"/>).</summary>
    public IReadOnlyList<TrainedYieldModel> Members { get; }

    /// <summary>
    /// The factor <see cref="StandardDeviationColumnName"/> is the members' sample standard deviation times: 1 for the raw
    /// spread, or the scale <see cref="YieldCnnTrainerOptions.SpreadCalibration"/> fitted by cross-validation (saved with the model).
    /// </summary>
    public double SpreadScale { get; }

    /// <summary>
    /// The cross-validated standardised errors that gave <see cref="SpreadScale"/> when the trainer ran with
    /// <see cref="YieldCnnTrainerOptions.SpreadCalibration"/>; null otherwise and after loading.
    /// </summary>
    public Training.CrossValidation.SpreadCalibrationResult? SpreadCalibration { get; internal init; }

    /// <summary>Whether the transformer adds <see cref="StandardDeviationColumnName"/> (a regression ensemble).</summary>
    public bool HasStandardDeviation => Members.Count > 1 && Task == YieldTask.Regression;

    /// <summary>
    /// Rows a cursor of <c>Transform</c>'s output reads ahead and scores per forward pass (default
    /// <see cref="DefaultScoringBatchSize"/>); applies to views created afterwards and is not saved. Scores do not
    /// depend on it; memory per cursor and throughput do.
    /// </summary>
    public int ScoringBatchSize
    {
        get => _scoringBatchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _scoringBatchSize = value;
        }
    }

    /// <summary>Per-layer sparsity of the network's masks m_s, m_t and m_s ⊙ m_t (all zero for the dense methods; an ensemble's first member).</summary>
    public Models.Masking.SparsityReport Sparsity => Model.Sparsity;

    /// <summary>
    /// The cross-validation table that chose N_s and N_t when the trainer ran with <see cref="YieldCnnTrainerOptions.RoundsSearch"/>;
    /// null otherwise and after loading (the table describes the fit, not the model, so it is not saved).
    /// </summary>
    public PruningRoundsSearchResult? RoundsSearch { get; internal init; }

    /// <summary>
    /// The cross-validation table that chose Bi-RPT's coefficients when the trainer ran with
    /// <see cref="YieldCnnTrainerOptions.BiRptSearch"/>; null otherwise and after loading.
    /// </summary>
    public Methods.BiRpt.BiRptSearchResult? BiRptSearch { get; internal init; }

    /// <summary>
    /// The cross-validation curves that chose the fine-tuning epoch when the trainer ran with
    /// <see cref="YieldCnnTrainerOptions.EpochSelection"/>; null otherwise and after loading.
    /// </summary>
    public Training.CrossValidation.EpochSelectionResult? EpochSelection { get; internal init; }

    /// <summary>The pseudo-image column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Regression or classification.</summary>
    public YieldTask Task => Model.Task;

    /// <summary>The class names in key order (classification), from the training label's <c>KeyValues</c>.</summary>
    public IReadOnlyList<string> ClassLabels => _classLabels;

    static ModelVersion ILoadableComponent<YieldCnnPredictionTransformer>.Version => FormatVersion;

    // Format 1: feature column, class labels (count + strings), then the weights stream (YieldModelFormat inside).
    // Format 2: then the member count K, and members 2 … K in streams YieldCnn.1.bin … (member 1 stays in YieldCnn.bin).
    // Format 3: then the spread scale (double; 1 before format 3).
    internal static ModelVersion FormatVersion { get; } = new("XYCNNPRD", Current: 3, OldestReadable: 1, LoaderSignature: "XYieldCnnPredictor");

    private static string MemberStream(int k) => k == 0 ? WeightsStream : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"YieldCnn.{k}.bin");

    static YieldCnnPredictionTransformer ILoadableComponent<YieldCnnPredictionTransformer>.Load(ModelReader reader)
    {
        var feature = reader.ReadString();
        var count = reader.Reader.ReadInt32();
        if (count is < 0 or > 1000)
        {
            throw new InvalidDataException($"The saved {nameof(YieldCnnPredictionTransformer)} claims {count} class labels; the file is corrupt.");
        }

        var labels = Enumerable.Range(0, count).Select(_ => reader.ReadString()).ToArray();
        var members = reader.FormatVersion >= 2 ? reader.Reader.ReadInt32() : 1;
        if (members is < 1 or > 64)
        {
            throw new InvalidDataException($"The saved {nameof(YieldCnnPredictionTransformer)} claims {members} ensemble members; the file is corrupt.");
        }

        var models = new List<TrainedYieldModel>(members);
        try
        {
            for (var k = 0; k < members; k++)
            {
                reader.ReadBinaryStream(MemberStream(k), r => models.Add(TrainedYieldModel.Load(r.BaseStream)));
            }
        }
        catch
        {
            models.ForEach(m => m.Dispose());
            throw;
        }

        if (models.Any(m => m.NetworkOptions.Task != models[0].NetworkOptions.Task || m.NetworkOptions.ImageShape != models[0].NetworkOptions.ImageShape || m.NetworkOptions.OutputCount != models[0].NetworkOptions.OutputCount))
        {
            models.ForEach(m => m.Dispose());
            throw new InvalidDataException($"The saved {nameof(YieldCnnPredictionTransformer)}'s ensemble members differ in task, image shape or outputs; the file is corrupt.");
        }

        var scale = reader.FormatVersion >= 3 ? reader.Reader.ReadDouble() : 1;
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            models.ForEach(m => m.Dispose());
            throw new InvalidDataException($"The saved {nameof(YieldCnnPredictionTransformer)} claims a spread scale of {scale}; the file is corrupt.");
        }

        return new YieldCnnPredictionTransformer(models, feature, labels, scale);
    }

    /// <summary>Releases the networks' native memory; later calls do nothing.</summary>
    public void Dispose()
    {
        foreach (var member in Members)
        {
            member.Dispose();
        }
    }

    private protected override void Save(ModelSaveContext ctx)
    {
        // Before the entry's first byte, so a disposed model never leaves a weightless entry in the zip.
        ObjectDisposedException.ThrowIf(Members.Any(m => m.IsDisposed), this);
        var writer = ComponentLoader<YieldCnnPredictionTransformer>.BeginSave(ctx);
        writer.WriteString(FeatureColumnName);
        writer.Writer.Write(_classLabels.Length);
        foreach (var label in _classLabels)
        {
            writer.WriteString(label);
        }

        writer.Writer.Write(Members.Count);
        for (var k = 0; k < Members.Count; k++)
        {
            var member = Members[k];
            writer.WriteBinaryStream(MemberStream(k), w => member.Save(w.BaseStream));
        }

        writer.Writer.Write(SpreadScale);
    }

    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        ObjectDisposedException.ThrowIf(Members.Any(m => m.IsDisposed), this);
        var size = Model.NetworkOptions.ImageShape.Size;
        var feature = InputColumnChecks.Require(inputSchema, YieldCnnTrainer.ComponentName, FeatureColumnName, $"a Vector<Single, {size}> pseudo-image",
            t => t is VectorDataViewType { ItemType: var item, Size: var s } && item == NumberDataViewType.Single && s == size);
        return new Mapper(this, inputSchema, feature);
    }

    private sealed class Mapper : BatchedColumnMapper
    {
        private readonly YieldCnnPredictionTransformer _parent;
        private readonly DataViewSchema.Column _feature;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(YieldCnnPredictionTransformer parent, DataViewSchema inputSchema, DataViewSchema.Column feature)
            : base(inputSchema)
        {
            _parent = parent;
            _feature = feature;
            BatchSize = parent.ScoringBatchSize;
            if (parent.Task == YieldTask.Regression)
            {
                _outputs = parent.HasStandardDeviation
                    ? [new DataViewSchema.DetachedColumn("Score", NumberDataViewType.Single), new DataViewSchema.DetachedColumn(StandardDeviationColumnName, NumberDataViewType.Single)]
                    : [new DataViewSchema.DetachedColumn("Score", NumberDataViewType.Single)];
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

        public override int BatchSize { get; }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [_feature.Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex) =>
            CreateGetters(input, i => i == outputIndex)[outputIndex]!;

        /// <summary>One row (PredictionEngine): a batch of one, scored once per row position by a <see cref="RowCache{TState}"/>.</summary>
        public override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
        {
            if (!Enumerable.Range(0, _outputs.Length).Any(isOutputActive))
            {
                return new Delegate?[_outputs.Length]; // The image column is active only when a score is wanted.
            }

            var read = input.GetGetter<VBuffer<float>>(_feature);
            SlotGetter<VBuffer<float>> readRow = (int _, ref VBuffer<float> image) => read(ref image);
            var cache = new RowCache<ScoreBatch>(input, new ScoreBatch(_parent.Members, _feature.Name, capacity: 1, _parent.SpreadScale), batch =>
            {
                batch.Load(0, input.Position, readRow);
                batch.Score(1);
            });
            return Getters(isOutputActive, () => cache.Get().Row(0));
        }

        /// <summary>A cursor: the window's whole batch is scored in one forward pass when its first score is read.</summary>
        public override Delegate?[] CreateBatchGetters(RowWindow window, Func<int, bool> isOutputActive)
        {
            var read = window.GetSlotGetter<VBuffer<float>>(_feature.Index);
            var batch = new ScoreBatch(_parent.Members, _feature.Name, window.Capacity, _parent.SpreadScale);
            var scored = -1L;
            return Getters(isOutputActive, () =>
            {
                if (scored != window.Generation)
                {
                    for (var slot = 0; slot < window.Count; slot++)
                    {
                        batch.Load(slot, window.FirstPosition + slot, read);
                    }

                    batch.Score(window.Count);
                    scored = window.Generation;
                }

                return batch.Row(window.Current);
            });
        }

        private Delegate?[] Getters(Func<int, bool> isOutputActive, RowScores scores)
        {
            var getters = new Delegate?[_outputs.Length];
            if (_parent.Task == YieldTask.Regression)
            {
                getters[0] = isOutputActive(0) ? (ValueGetter<float>)((ref float score) => score = scores()[0]) : null;
                if (_outputs.Length > 1)
                {
                    getters[1] = isOutputActive(1) ? (ValueGetter<float>)((ref float deviation) => deviation = scores()[1]) : null;
                }

                return getters;
            }

            getters[0] = isOutputActive(0)
                ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> score) => VectorOutput.WriteDense(ref score, scores()))
                : null;
            getters[1] = isOutputActive(1)
                ? (ValueGetter<uint>)((ref uint key) => key = (uint)ArgMax.Of(scores()) + 1)
                : null;
            return getters;
        }
    }

    /// <summary>The network's outputs for the current row.</summary>
    private delegate ReadOnlySpan<float> RowScores();
}
