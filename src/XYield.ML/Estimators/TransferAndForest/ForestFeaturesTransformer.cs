using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Physics;
using XYield.ML.Transforms;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Estimators;

/// <summary>
/// The first step inside <see cref="TransferAndForestTransformer"/>: adds the Maresca–Curtin estimate (GPa) and the
/// forest's feature vector [11 palette fractions, T in K, σ_MC in GPa] from a row's fractions and temperature. It is saved
/// as part of its owner (which records its columns), never on its own.
/// </summary>
internal sealed class ForestFeaturesTransformer : RowMappingTransformerBase
{
    /// <summary>The feature vector's length.</summary>
    public const int FeatureCount = Palette.Count + 2;

    private static readonly MarescaCurtinModel Physics = new();

    public ForestFeaturesTransformer(string fractionsColumnName, string temperatureColumnName)
    {
        FractionsColumnName = fractionsColumnName;
        TemperatureColumnName = temperatureColumnName;
    }

    public string FractionsColumnName { get; }

    public string TemperatureColumnName { get; }

    /// <summary>Fills <paramref name="features"/> (length <see cref="FeatureCount"/>) for one alloy; returns σ_MC in GPa.</summary>
    /// <exception cref="ArgumentException">The fractions sum to zero or hold a negative or non-finite entry, or the temperature is not finite and above 0 K.</exception>
    public static float Write(ReadOnlySpan<float> fractions, double kelvin, Span<float> features)
    {
        if (!(kelvin > 0) || !double.IsFinite(kelvin))
        {
            throw new ArgumentException("the temperature must be a finite number of kelvin above 0");
        }

        Span<double> amounts = stackalloc double[Palette.Count];
        for (var i = 0; i < Palette.Count; i++)
        {
            amounts[i] = fractions[i];
            features[i] = fractions[i];
        }

        var estimate = (float)(Physics.YieldStrength(amounts, kelvin) / 1000);
        features[Palette.Count] = (float)kelvin;
        features[Palette.Count + 1] = estimate;
        return estimate;
    }

    private protected override ColumnMapper Bind(DataViewSchema inputSchema)
    {
        var fractions = InputColumnChecks.Require(inputSchema, TransferAndForestTrainer.ComponentName, FractionsColumnName,
            "Vector<Single, 11> palette fractions (FeaturizeComposition)", t => t is VectorDataViewType { ItemType: NumberDataViewType v, Size: Palette.Count } && v == NumberDataViewType.Single);
        var temperature = InputColumnChecks.Require(inputSchema, TransferAndForestTrainer.ComponentName, TemperatureColumnName,
            "a Single or Double temperature in K", t => t == NumberDataViewType.Single || t == NumberDataViewType.Double);
        return new Mapper(inputSchema, fractions, temperature);
    }

    private protected override void Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("The forest features are saved as part of their TransferAndForestTransformer.");

    private sealed class Mapper(DataViewSchema inputSchema, DataViewSchema.Column fractions, DataViewSchema.Column temperature) : ColumnMapper(inputSchema)
    {
        private readonly DataViewSchema.DetachedColumn[] _outputs =
        [
            new(TransferAndForestTransformer.MarescaCurtinColumnName, NumberDataViewType.Single),
            new(TransferAndForestTransformer.ForestFeaturesColumnName, new VectorDataViewType(NumberDataViewType.Single, FeatureCount)),
        ];

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [fractions.Index, temperature.Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex) => CreateGetters(input, i => i == outputIndex)[outputIndex]!;

        public override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
        {
            var getters = new Delegate?[_outputs.Length];
            if (!isOutputActive(0) && !isOutputActive(1))
            {
                return getters;
            }

            var readFractions = input.GetGetter<VBuffer<float>>(fractions);
            var readKelvin = ScalarReader.AsDouble(input, temperature);
            var cache = new RowCache<State>(input, new State(), state =>
            {
                readFractions(ref state.Buffer);
                state.Buffer.CopyTo(state.Fractions);
                var kelvin = readKelvin();
                try
                {
                    state.Estimate = Write(state.Fractions, kelvin, state.Features);
                }
                catch (ArgumentException e)
                {
                    // The physics' own message names its parameter on a second line: keep its first line only.
                    throw new InvalidDataException(
                        $"{TransferAndForestTrainer.ComponentName}: row {input.Position} (0-based) has no Maresca–Curtin estimate ('{fractions.Name}', '{temperature.Name}' = {kelvin.ToString(System.Globalization.CultureInfo.InvariantCulture)}): {e.Message.Split('\n')[0].Split(" (Parameter")[0]}.", e);
                }
            });
            getters[0] = isOutputActive(0) ? (ValueGetter<float>)((ref float value) => value = cache.Get().Estimate) : null;
            getters[1] = isOutputActive(1) ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) => VectorOutput.WriteDense(ref value, cache.Get().Features)) : null;
            return getters;
        }
    }

    private sealed class State
    {
        public VBuffer<float> Buffer;

        public float[] Fractions { get; } = new float[Palette.Count];

        public float[] Features { get; } = new float[FeatureCount];

        public float Estimate { get; set; }
    }
}
