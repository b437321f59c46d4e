using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Data;
using XYield.ML.MlNetInternals;

namespace XYield.ML.Transforms;

/// <summary>
/// Turns element fractions and a temperature into the periodic-table pseudo-image of the X-Yield benchmark
/// (Chen et al., CPAL 2024): a known-size Single vector with dimensions 2 × 9 × 18, channel-major.
/// Channel 0 holds each element's fraction at its cell under the layout (PTR or the seeded RPTR shuffle, the
/// paper's choice); channel 1 holds T_norm = (T[K] − 273.15) / 2000 in every cell. Create it with
/// <c>mlContext.Transforms.FeaturizePseudoImage</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// | Characteristic | Value |
/// | -- | -- |
/// | Does this estimator need to look at the data to train its parameters? | No |
/// | Input columns | fractions: Vector&lt;Single, 11&gt; (palette order) or Vector&lt;Single, 118&gt; (by atomic number); temperature: Single or Double, K |
/// | Output column | Vector&lt;Single, 2, 9, 18&gt; with slot names |
/// | Exportable to ONNX | No |
/// ]]></format>
/// A NaN, infinite or negative fraction or temperature fails when the row is read, naming the column and the row.
/// </remarks>
public sealed class PseudoImageFeaturizingEstimator : IEstimator<PseudoImageFeaturizingTransformer>
{
    internal const string ComponentName = "FeaturizePseudoImage";

    private readonly PseudoImageFeaturizingTransformer _transformer;

    /// <summary>Creates the estimator; invalid options throw <see cref="ArgumentException"/> naming the option.</summary>
    public PseudoImageFeaturizingEstimator(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireName(options.OutputColumnName, nameof(Options.OutputColumnName));
        RequireName(options.FractionsColumnName, nameof(Options.FractionsColumnName));
        RequireName(options.TemperatureColumnName, nameof(Options.TemperatureColumnName));
        var layout = options.Layout switch
        {
            PseudoImageLayoutKind.Randomized => PseudoImageLayout.Randomized(options.RandomizedLayoutSeed),
            PseudoImageLayoutKind.Standard => PseudoImageLayout.Standard,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Layout, "Options.Layout must be Randomized or Standard."),
        };
        _transformer = new PseudoImageFeaturizingTransformer(options.OutputColumnName, options.FractionsColumnName, options.TemperatureColumnName, layout);
    }

    /// <summary>Settings of <see cref="PseudoImageFeaturizingEstimator"/>.</summary>
    public sealed class Options
    {
        /// <summary>The image column to add. Default "Image".</summary>
        public string OutputColumnName { get; set; } = "Image";

        /// <summary>The fractions column: Vector&lt;Single, 11&gt; in palette order or Vector&lt;Single, 118&gt; by atomic number. Default "Fractions".</summary>
        public string FractionsColumnName { get; set; } = ColumnNames.Fractions;

        /// <summary>The temperature column, in kelvin (Single or Double). Default "Temperature".</summary>
        public string TemperatureColumnName { get; set; } = ColumnNames.Temperature;

        /// <summary>PTR or RPTR. Default <see cref="PseudoImageLayoutKind.Randomized"/> (the paper's choice).</summary>
        public PseudoImageLayoutKind Layout { get; set; } = PseudoImageLayoutKind.Randomized;

        /// <summary>The seed of the RPTR shuffle; saved with the model. Default 0.</summary>
        public int RandomizedLayoutSeed { get; set; }
    }

    /// <summary>Nothing to learn: checks the input schema and returns the transformer.</summary>
    public PseudoImageFeaturizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <summary>The input columns plus the image column; throws when an input column is missing or of the wrong type.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        InputColumnChecks.Require(inputSchema, ComponentName, _transformer.FractionsColumnName, PseudoImageFeaturizingTransformer.ExpectedFractions,
            c => c.Kind == SchemaShape.Column.VectorKind.Vector && !c.IsKey && c.ItemType == NumberDataViewType.Single);
        InputColumnChecks.Require(inputSchema, ComponentName, _transformer.TemperatureColumnName, PseudoImageFeaturizingTransformer.ExpectedTemperature,
            c => InputColumnChecks.IsScalarOf(c, NumberDataViewType.Single, NumberDataViewType.Double));
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[_transformer.OutputColumnName] = SchemaShapeColumns.Vector(_transformer.OutputColumnName, NumberDataViewType.Single, SchemaShapeColumns.SlotNamesAnnotation());
        return new SchemaShape(columns.Values);
    }

    private static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"Options.{option} must name a column.", nameof(name));
        }
    }
}

/// <summary>The element→cell layout of a pseudo-image.</summary>
public enum PseudoImageLayoutKind
{
    /// <summary>RPTR: a seeded shuffle of the periodic table (the paper's choice).</summary>
    Randomized,

    /// <summary>PTR: the periodic table as it is.</summary>
    Standard,
}
