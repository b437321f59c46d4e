using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.MlNetInternals;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Transforms;

/// <summary>
/// The product of <see cref="CompositionFeaturizingEstimator"/>: adds a vector of element fractions.
/// Saved and loaded by <c>mlContext.Model.Save</c>/<c>Load</c>.
/// </summary>
/// <remarks>
/// With <see cref="InvalidRowHandling.Skip"/> unreadable rows are left out of <c>Transform</c>'s output however the
/// transformer is reached: directly, through a chain or an <see cref="ITransformer"/> variable, or after
/// <c>mlContext.Model.Load</c>. Leaving rows out is something only a data view can do, so in that mode the transformer is,
/// like ML.NET's row filters, not a row-to-row mapper (<see cref="RowMappingTransformerBase.IsRowToRowMapper"/> is false)
/// and ML.NET refuses to make a <c>PredictionEngine</c> of a pipeline holding it ("Must be a row to row mapper"). For
/// single-row prediction build the featurizer with <see cref="InvalidRowHandling.Throw"/>: an unreadable row then fails
/// with its reason instead of giving a score.
/// </remarks>
public sealed class CompositionFeaturizingTransformer : RowMappingTransformerBase, ILoadableComponent<CompositionFeaturizingTransformer>
{
    private static readonly MLContext FilterContext = new(seed: 0);
    private long _skipped;

    internal CompositionFeaturizingTransformer(string outputColumnName, string inputColumnName, ElementSet elements, InvalidRowHandling invalidRows)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Elements = elements;
        InvalidRows = invalidRows;
    }

    /// <summary>The fractions column added.</summary>
    public string OutputColumnName { get; }

    /// <summary>The formula or amounts column read.</summary>
    public string InputColumnName { get; }

    /// <summary>Which elements get a slot.</summary>
    public ElementSet Elements { get; }

    /// <summary>What happens to unreadable rows.</summary>
    public InvalidRowHandling InvalidRows { get; }

    /// <summary>The number of output values: 11 or 118.</summary>
    public int Size => ElementSlots.Symbols(Elements).Count;

    /// <summary>With <see cref="InvalidRowHandling.Skip"/>: how many rows all cursors so far have left out.</summary>
    public long SkippedRowCount => Interlocked.Read(ref _skipped);

    internal string ExpectedInput => $"a Text formula column or a Vector<Single, {Size}> of amounts";

    static ModelVersion ILoadableComponent<CompositionFeaturizingTransformer>.Version => FormatVersion;

    // Format 1: output name, input name, element set, invalid-row handling.
    internal static ModelVersion FormatVersion { get; } = new("XYCOMPFZ", Current: 1, OldestReadable: 1, LoaderSignature: "XYieldComposition");

    static CompositionFeaturizingTransformer ILoadableComponent<CompositionFeaturizingTransformer>.Load(ModelReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadEnum<ElementSet>(), reader.ReadEnum<InvalidRowHandling>());

    private protected override string? NotRowToRowReason => InvalidRows == InvalidRowHandling.Skip
        ? $"{CompositionFeaturizingEstimator.ComponentName} with InvalidRowHandling.Skip leaves unreadable rows out of its output, which a " +
          "row-to-row mapper (and so a PredictionEngine) cannot do. Score through Transform, or use InvalidRowHandling.Throw for single rows."
        : null;

    // Skip marks an unreadable row's fractions with NaN (see Invalid); ML.NET's missing-value filter then drops it.
    private protected override IDataView DropRows(IDataView mapped) => InvalidRows == InvalidRowHandling.Skip
        ? FilterContext.Data.FilterRowsByMissingValues(mapped, OutputColumnName)
        : mapped;

    private protected override void Save(ModelSaveContext ctx)
    {
        var writer = ComponentLoader<CompositionFeaturizingTransformer>.BeginSave(ctx);
        writer.WriteString(OutputColumnName);
        writer.WriteString(InputColumnName);
        writer.WriteEnum(Elements);
        writer.WriteEnum(InvalidRows);
    }

    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        var input = InputColumnChecks.Require(inputSchema, CompositionFeaturizingEstimator.ComponentName, InputColumnName, ExpectedInput,
            t => t is TextDataViewType || (t is VectorDataViewType { ItemType: var item, Size: var size } && item == NumberDataViewType.Single && size == Size));
        return new Mapper(this, inputSchema, input);
    }

    private sealed class Mapper : ColumnMapper
    {
        private readonly CompositionFeaturizingTransformer _parent;
        private readonly DataViewSchema.Column _input;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(CompositionFeaturizingTransformer parent, DataViewSchema inputSchema, DataViewSchema.Column input)
            : base(inputSchema)
        {
            _parent = parent;
            _input = input;
            var symbols = ElementSlots.Symbols(parent.Elements).Select(s => s.AsMemory()).ToArray();
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.Add<VBuffer<ReadOnlyMemory<char>>>("SlotNames", new VectorDataViewType(TextDataViewType.Instance, symbols.Length),
                (ref VBuffer<ReadOnlyMemory<char>> value) => new VBuffer<ReadOnlyMemory<char>>(symbols.Length, symbols).CopyTo(ref value));
            _outputs = [new DataViewSchema.DetachedColumn(parent.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, symbols.Length), annotations.ToAnnotations())];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [_input.Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex) =>
            _input.Type is TextDataViewType ? FormulaGetter(input) : AmountsGetter(input);

        private ValueGetter<VBuffer<float>> FormulaGetter(DataViewRow input)
        {
            var read = input.GetGetter<ReadOnlyMemory<char>>(_input);
            var text = default(ReadOnlyMemory<char>);
            var allowed = _parent.Elements == ElementSet.Palette ? Palette.Symbols : null;
            return (ref VBuffer<float> fractions) =>
            {
                read(ref text);
                var editor = VBufferEditor.Create(ref fractions, _parent.Size);
                editor.Values.Clear();
                try
                {
                    var composition = Composition.Parse(text.ToString(), allowed);
                    foreach (var c in composition.Components)
                    {
                        editor.Values[ElementSlots.SlotOf(_parent.Elements, c.Element)] = (float)c.Fraction;
                    }
                }
                catch (FormulaParseException e)
                {
                    Invalid(editor.Values, input.Position, e.Message);
                }

                fractions = editor.Commit();
            };
        }

        private ValueGetter<VBuffer<float>> AmountsGetter(DataViewRow input)
        {
            var read = input.GetGetter<VBuffer<float>>(_input);
            var amounts = default(VBuffer<float>);
            return (ref VBuffer<float> fractions) =>
            {
                read(ref amounts);
                var editor = VBufferEditor.Create(ref fractions, _parent.Size);
                amounts.CopyTo(editor.Values);
                var total = 0f;
                var bad = false;
                foreach (var a in editor.Values)
                {
                    bad |= !float.IsFinite(a) || a < 0;
                    total += a;
                }

                if (bad || !(total > 0))
                {
                    Invalid(editor.Values, input.Position, "amounts must be finite, ≥ 0 and not all zero");
                }
                else
                {
                    foreach (ref var a in editor.Values)
                    {
                        a /= total;
                    }
                }

                fractions = editor.Commit();
            };
        }

        private void Invalid(Span<float> values, long row, string reason)
        {
            if (_parent.InvalidRows == InvalidRowHandling.Throw)
            {
                throw new InvalidDataException(
                    $"{CompositionFeaturizingEstimator.ComponentName}: column '{_parent.InputColumnName}' at row {row} (0-based) cannot be featurized: {reason}");
            }

            // Skip: NaN marks the row; Transform filters marked rows out.
            values.Fill(float.NaN);
            Interlocked.Increment(ref _parent._skipped);
        }
    }
}
