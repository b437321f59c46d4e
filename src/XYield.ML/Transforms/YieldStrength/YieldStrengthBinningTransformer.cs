using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.MlNetInternals;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Transforms;

/// <summary>
/// The product of <see cref="YieldStrengthBinningEstimator"/>: adds a key-typed yield-strength class column.
/// Saved and loaded by <c>mlContext.Model.Save</c>/<c>Load</c>.
/// </summary>
public sealed class YieldStrengthBinningTransformer : RowMappingTransformerBase, ILoadableComponent<YieldStrengthBinningTransformer>
{
    internal const string ExpectedInput = "a scalar Single or Double yield-strength column";

    private readonly YieldStrengthBins _bins;

    internal YieldStrengthBinningTransformer(string inputColumnName, string outputColumnName, YieldStrengthUnit unit, YieldStrengthBins bins)
    {
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Unit = unit;
        _bins = bins;
    }

    /// <summary>The yield-strength column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The key-typed class column added.</summary>
    public string OutputColumnName { get; }

    /// <summary>The unit of the input column.</summary>
    public YieldStrengthUnit Unit { get; }

    /// <summary>The inner bin edges in GPa.</summary>
    public IReadOnlyList<double> EdgesGpa => _bins.EdgesGpa;

    /// <summary>The bin labels in key order ("[0, 0.5) GPa" is key 1).</summary>
    public IReadOnlyList<string> BinLabels => _bins.Labels;

    static ModelVersion ILoadableComponent<YieldStrengthBinningTransformer>.Version => FormatVersion;

    // Format 1: output name, input name, unit name, edges (GPa).
    internal static ModelVersion FormatVersion { get; } = new("XYYSBINR", Current: 1, OldestReadable: 1, LoaderSignature: "XYieldYieldStrengthBins");

    static YieldStrengthBinningTransformer ILoadableComponent<YieldStrengthBinningTransformer>.Load(ModelReader reader)
    {
        var output = reader.ReadString();
        var input = reader.ReadString();
        var unit = reader.ReadEnum<YieldStrengthUnit>();
        var edges = reader.ReadDoubles();
        try
        {
            return new YieldStrengthBinningTransformer(input, output, unit, new YieldStrengthBins(edges, "EdgesGpa"));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The saved {nameof(YieldStrengthBinningTransformer)} holds invalid bin edges: {e.Message}", e);
        }
    }

    private protected override void Save(ModelSaveContext ctx)
    {
        var writer = ComponentLoader<YieldStrengthBinningTransformer>.BeginSave(ctx);
        writer.WriteString(OutputColumnName);
        writer.WriteString(InputColumnName);
        writer.WriteEnum(Unit);
        writer.WriteDoubles([.. _bins.EdgesGpa]);
    }

    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        var input = InputColumnChecks.Require(inputSchema, YieldStrengthBinningEstimator.ComponentName, InputColumnName, ExpectedInput,
            type => type == NumberDataViewType.Single || type == NumberDataViewType.Double);
        return new Mapper(this, inputSchema, input);
    }

    private sealed class Mapper : ColumnMapper
    {
        private readonly YieldStrengthBinningTransformer _parent;
        private readonly DataViewSchema.Column _input;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(YieldStrengthBinningTransformer parent, DataViewSchema inputSchema, DataViewSchema.Column input)
            : base(inputSchema)
        {
            _parent = parent;
            _input = input;
            var labels = parent._bins.Labels.Select(l => l.AsMemory()).ToArray();
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.Add<VBuffer<ReadOnlyMemory<char>>>("KeyValues", new VectorDataViewType(TextDataViewType.Instance, labels.Length),
                (ref VBuffer<ReadOnlyMemory<char>> value) => new VBuffer<ReadOnlyMemory<char>>(labels.Length, labels).CopyTo(ref value));
            _outputs = [new DataViewSchema.DetachedColumn(parent.OutputColumnName, new KeyDataViewType(typeof(uint), parent._bins.Count), annotations.ToAnnotations())];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [_input.Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex)
        {
            if (_input.Type == NumberDataViewType.Single)
            {
                var read = input.GetGetter<float>(_input);
                var value = 0f;
                return (ValueGetter<uint>)((ref uint key) =>
                {
                    read(ref value);
                    key = KeyOf(value, input, isSingle: true);
                });
            }
            else
            {
                var read = input.GetGetter<double>(_input);
                var value = 0d;
                return (ValueGetter<uint>)((ref uint key) =>
                {
                    read(ref value);
                    key = KeyOf(value, input, isSingle: false);
                });
            }
        }

        // The row is read only on failure: Position is a virtual call per row otherwise.
        private uint KeyOf(double value, DataViewRow row, bool isSingle)
        {
            if (!double.IsFinite(value) || value < 0)
            {
                var unit = _parent.Unit == YieldStrengthUnit.Megapascal ? "MPa" : "GPa";
                throw new InvalidDataException(
                    $"{YieldStrengthBinningEstimator.ComponentName}: column '{_parent.InputColumnName}' holds {(isSingle ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : YieldStrengthBins.Format(value))} {unit} " +
                    $"at row {row.Position} (0-based); expected a finite, non-negative yield strength.");
            }

            return _parent._bins.KeyOf(_parent.Unit == YieldStrengthUnit.Megapascal ? value / 1000 : value);
        }
    }
}
