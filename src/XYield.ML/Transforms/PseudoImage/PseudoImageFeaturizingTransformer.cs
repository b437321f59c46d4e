using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.MlNetInternals;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Transforms;

/// <summary>
/// The product of <see cref="PseudoImageFeaturizingEstimator"/>: adds the 2 × 9 × 18 pseudo-image column.
/// Its layout (including the RPTR shuffle) is saved with it by <c>mlContext.Model.Save</c>.
/// </summary>
public sealed class PseudoImageFeaturizingTransformer : RowMappingTransformerBase, ILoadableComponent<PseudoImageFeaturizingTransformer>
{
    internal const string ExpectedFractions = "a Vector<Single, 11> of palette fractions or a Vector<Single, 118> of fractions by atomic number";
    internal const string ExpectedTemperature = "a scalar Single or Double temperature in kelvin";

    private static readonly VectorDataViewType ImageType =
        new(NumberDataViewType.Single, PseudoImageShape.Channels, PseudoImageShape.Rows, PseudoImageShape.Columns);


    internal PseudoImageFeaturizingTransformer(string outputColumnName, string fractionsColumnName, string temperatureColumnName, PseudoImageLayout layout)
    {
        OutputColumnName = outputColumnName;
        FractionsColumnName = fractionsColumnName;
        TemperatureColumnName = temperatureColumnName;
        Layout = layout;
        Encoder = new PseudoImageEncoder(layout);
    }

    /// <summary>The image column added.</summary>
    public string OutputColumnName { get; }

    /// <summary>The fractions column read.</summary>
    public string FractionsColumnName { get; }

    /// <summary>The temperature column read (K).</summary>
    public string TemperatureColumnName { get; }

    /// <summary>The element→cell layout, saved with the model.</summary>
    public PseudoImageLayout Layout { get; }

    private PseudoImageEncoder Encoder { get; }

    static ModelVersion ILoadableComponent<PseudoImageFeaturizingTransformer>.Version => FormatVersion;

    // Format 1: output, fractions and temperature names; seed flag and seed; 118 cell indices.
    internal static ModelVersion FormatVersion { get; } = new("XYPSIMGF", Current: 1, OldestReadable: 1, LoaderSignature: "XYieldPseudoImage");

    static PseudoImageFeaturizingTransformer ILoadableComponent<PseudoImageFeaturizingTransformer>.Load(ModelReader reader)
    {
        var output = reader.ReadString();
        var fractions = reader.ReadString();
        var temperature = reader.ReadString();
        var hasSeed = reader.Reader.ReadBoolean();
        var seed = reader.Reader.ReadInt32();
        var cells = reader.ReadDoubles().Select(c => (int)c).ToArray();
        return new PseudoImageFeaturizingTransformer(output, fractions, temperature, PseudoImageLayout.FromCells(cells, hasSeed ? seed : null));
    }

    private protected override void Save(ModelSaveContext ctx)
    {
        var writer = ComponentLoader<PseudoImageFeaturizingTransformer>.BeginSave(ctx);
        writer.WriteString(OutputColumnName);
        writer.WriteString(FractionsColumnName);
        writer.WriteString(TemperatureColumnName);
        writer.Writer.Write(Layout.Seed.HasValue);
        writer.Writer.Write(Layout.Seed ?? 0);
        writer.WriteDoubles(Layout.CellsByAtomicNumber.Select(c => (double)c).ToArray());
    }

    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        var fractions = InputColumnChecks.Require(inputSchema, PseudoImageFeaturizingEstimator.ComponentName, FractionsColumnName, ExpectedFractions,
            t => t is VectorDataViewType { ItemType: var item, Size: Palette.Count or 118 } && item == NumberDataViewType.Single);
        var temperature = InputColumnChecks.Require(inputSchema, PseudoImageFeaturizingEstimator.ComponentName, TemperatureColumnName, ExpectedTemperature,
            t => t == NumberDataViewType.Single || t == NumberDataViewType.Double);
        return new Mapper(this, inputSchema, fractions, temperature);
    }

    /// <summary>Slot names: "F:Mo" where an element sits (under this layout), "F:r0c1" for empty cells, "T:r0c1" for temperature.</summary>
    private VBuffer<ReadOnlyMemory<char>> SlotNames()
    {
        var names = new ReadOnlyMemory<char>[PseudoImageShape.Length];
        for (var cell = 0; cell < PseudoImageShape.PlaneLength; cell++)
        {
            var place = string.Create(CultureInfo.InvariantCulture, $"r{cell / PseudoImageShape.Columns}c{cell % PseudoImageShape.Columns}");
            names[cell] = ("F:" + place).AsMemory();
            names[PseudoImageShape.PlaneLength + cell] = ("T:" + place).AsMemory();
        }

        foreach (var element in PeriodicTable.Elements)
        {
            names[Layout.CellOf(element)] = ("F:" + element.Symbol).AsMemory();
        }

        return new VBuffer<ReadOnlyMemory<char>>(names.Length, names);
    }

    private sealed class Mapper : ColumnMapper
    {
        private readonly PseudoImageFeaturizingTransformer _parent;
        private readonly DataViewSchema.Column _fractions;
        private readonly DataViewSchema.Column _temperature;
        private readonly int _size;
        private readonly DataViewSchema.DetachedColumn[] _outputs;

        public Mapper(PseudoImageFeaturizingTransformer parent, DataViewSchema inputSchema, DataViewSchema.Column fractions, DataViewSchema.Column temperature)
            : base(inputSchema)
        {
            _parent = parent;
            _fractions = fractions;
            _temperature = temperature;
            _size = ((VectorDataViewType)fractions.Type).Size;
            var slotNames = parent.SlotNames();
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.Add<VBuffer<ReadOnlyMemory<char>>>("SlotNames", new VectorDataViewType(TextDataViewType.Instance, PseudoImageShape.Length),
                (ref VBuffer<ReadOnlyMemory<char>> value) => slotNames.CopyTo(ref value));
            _outputs = [new DataViewSchema.DetachedColumn(parent.OutputColumnName, ImageType, annotations.ToAnnotations())];
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [_fractions.Index, _temperature.Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex)
        {
            var readFractions = input.GetGetter<VBuffer<float>>(_fractions);
            var readKelvin = ScalarReader.AsDouble(input, _temperature);
            var fractions = default(VBuffer<float>);
            var dense = new float[_size];
            return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> image) =>
            {
                readFractions(ref fractions);
                var kelvin = readKelvin();
                if (!double.IsFinite(kelvin) || kelvin < 0)
                {
                    throw RowError(input.Position, _parent.TemperatureColumnName, kelvin.ToString("R", CultureInfo.InvariantCulture), "a finite temperature ≥ 0 K");
                }

                fractions.CopyTo(dense);
                for (var slot = 0; slot < dense.Length; slot++)
                {
                    if (!float.IsFinite(dense[slot]) || dense[slot] < 0)
                    {
                        throw RowError(input.Position, _parent.FractionsColumnName, dense[slot].ToString("R", CultureInfo.InvariantCulture), $"finite fractions ≥ 0 (slot {slot})");
                    }
                }

                var editor = VBufferEditor.Create(ref image, PseudoImageShape.Length);
                _parent.Encoder.Encode(dense, kelvin, editor.Values);
                image = editor.Commit();
            });
        }

        private static InvalidDataException RowError(long row, string column, string found, string expected) =>
            new($"{PseudoImageFeaturizingEstimator.ComponentName}: column '{column}' holds {found} at row {row} (0-based); expected {expected}.");
    }
}
