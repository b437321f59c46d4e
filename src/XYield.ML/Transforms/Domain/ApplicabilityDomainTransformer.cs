using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Domain;
using XYield.ML.MlNetInternals;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Transforms;

/// <summary>
/// The product of <see cref="ApplicabilityDomainEstimator"/>: adds <c>InDomain</c> (Boolean), <c>DomainDistance</c>
/// (Single, composition distance to the nearest training alloy) and <c>DomainNote</c> (Text, why a row is outside; empty
/// inside) from the fractions and temperature of each row. Saved inside the model zip, so a deployed model carries the
/// domain of the data it was trained on.
/// </summary>
public sealed class ApplicabilityDomainTransformer : RowMappingTransformerBase, ILoadableComponent<ApplicabilityDomainTransformer>
{
    /// <summary>The Boolean output column.</summary>
    public const string InDomainColumnName = "InDomain";

    /// <summary>The Single output column.</summary>
    public const string DistanceColumnName = "DomainDistance";

    /// <summary>The Text output column.</summary>
    public const string NoteColumnName = "DomainNote";

    internal ApplicabilityDomainTransformer(ApplicabilityDomain domain, string fractionsColumnName, string temperatureColumnName)
    {
        Domain = domain;
        FractionsColumnName = fractionsColumnName;
        TemperatureColumnName = temperatureColumnName;
    }

    /// <summary>The learned domain (use <see cref="ApplicabilityDomain.Assess"/> directly for bulk screening).</summary>
    public ApplicabilityDomain Domain { get; }

    /// <summary>The palette-fractions column read.</summary>
    public string FractionsColumnName { get; }

    /// <summary>The temperature column read (K).</summary>
    public string TemperatureColumnName { get; }

    static ModelVersion ILoadableComponent<ApplicabilityDomainTransformer>.Version => FormatVersion;

    // Format 1: fractions column, temperature column, then the domain (ApplicabilityDomain.Write).
    internal static ModelVersion FormatVersion { get; } = new("XYDOMAIN", Current: 1, OldestReadable: 1, LoaderSignature: "XYieldDomain");

    static ApplicabilityDomainTransformer ILoadableComponent<ApplicabilityDomainTransformer>.Load(ModelReader reader)
    {
        var fractions = reader.ReadString();
        var temperature = reader.ReadString();
        try
        {
            return new ApplicabilityDomainTransformer(ApplicabilityDomain.Read(reader.Reader), fractions, temperature);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The saved applicability domain is truncated.", e);
        }
    }

    private protected override void Save(ModelSaveContext ctx)
    {
        var writer = ComponentLoader<ApplicabilityDomainTransformer>.BeginSave(ctx);
        writer.WriteString(FractionsColumnName);
        writer.WriteString(TemperatureColumnName);
        Domain.Write(writer.Writer);
    }

    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        var (fractions, temperature) = ApplicabilityDomainEstimator.RequireInputs(inputSchema, FractionsColumnName, TemperatureColumnName);
        return new Mapper(this, inputSchema, fractions, temperature);
    }

    private sealed class Mapper : ColumnMapper
    {
        private readonly ApplicabilityDomainTransformer _parent;
        private readonly DataViewSchema.Column _fractions;
        private readonly DataViewSchema.Column _temperature;
        private readonly DataViewSchema.DetachedColumn[] _outputs =
        [
            new(InDomainColumnName, BooleanDataViewType.Instance),
            new(DistanceColumnName, NumberDataViewType.Single),
            new(NoteColumnName, TextDataViewType.Instance),
        ];

        public Mapper(ApplicabilityDomainTransformer parent, DataViewSchema inputSchema, DataViewSchema.Column fractions, DataViewSchema.Column temperature)
            : base(inputSchema)
        {
            _parent = parent;
            _fractions = fractions;
            _temperature = temperature;
        }

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [_fractions.Index, _temperature.Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex) => CreateGetters(input, i => i == outputIndex)[outputIndex]!;

        /// <summary>The three outputs share one assessment per row.</summary>
        public override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
        {
            var getters = new Delegate?[_outputs.Length];
            if (!Enumerable.Range(0, _outputs.Length).Any(isOutputActive))
            {
                return getters;
            }

            var readFractions = input.GetGetter<VBuffer<float>>(_fractions);
            var readKelvin = ScalarReader.AsDouble(input, _temperature);
            var cache = new RowCache<State>(input, new State(), state =>
            {
                readFractions(ref state.Buffer);
                state.Buffer.CopyTo(state.Fractions);
                state.Assessment = _parent.Domain.Assess(state.Fractions, readKelvin());
            });
            getters[0] = isOutputActive(0) ? (ValueGetter<bool>)((ref bool value) => value = cache.Get().Assessment.InDomain) : null;
            getters[1] = isOutputActive(1) ? (ValueGetter<float>)((ref float value) => value = cache.Get().Assessment.Distance) : null;
            getters[2] = isOutputActive(2) ? (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = cache.Get().Assessment.Note.AsMemory()) : null;
            return getters;
        }
    }

    private sealed class State
    {
        public VBuffer<float> Buffer;

        public float[] Fractions { get; } = new float[Palette.Count];

        public DomainAssessment Assessment { get; set; }
    }
}
