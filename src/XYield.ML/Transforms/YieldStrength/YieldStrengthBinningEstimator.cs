using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.MlNetInternals;

namespace XYield.ML.Transforms;

/// <summary>
/// Turns a yield strength into a key-typed class label for the surrogate classification task of the X-Yield
/// benchmark (Chen et al., CPAL 2024): by default five bins [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2), [2, ∞) GPa,
/// keys 1…5, with <c>KeyValues</c> naming each bin. Create it with <c>mlContext.Transforms.BinYieldStrength</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// | Characteristic | Value |
/// | -- | -- |
/// | Does this estimator need to look at the data to train its parameters? | No |
/// | Input column data type | Single or Double (GPa or MPa) |
/// | Output column data type | Key&lt;UInt32&gt; with as many values as bins |
/// | Exportable to ONNX | No |
/// ]]></format>
/// A negative, NaN or infinite yield strength makes reading the output fail with an <see cref="InvalidDataException"/>
/// naming the column and the row.
/// </remarks>
public sealed class YieldStrengthBinningEstimator : IEstimator<YieldStrengthBinningTransformer>
{
    internal const string ComponentName = "BinYieldStrength";

    private readonly YieldStrengthBinningTransformer _transformer;

    /// <summary>Creates the estimator; invalid options throw <see cref="ArgumentException"/> naming the option.</summary>
    public YieldStrengthBinningEstimator(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputColumnName))
        {
            throw new ArgumentException("Options.OutputColumnName must name the output column.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.InputColumnName))
        {
            throw new ArgumentException("Options.InputColumnName must name the yield-strength column.", nameof(options));
        }

        if (!Enum.IsDefined(options.Unit))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Unit, "Options.Unit must be Gigapascal or Megapascal.");
        }

        var bins = new YieldStrengthBins(options.EdgesGpa, "Options.EdgesGpa");
        _transformer = new YieldStrengthBinningTransformer(options.InputColumnName, options.OutputColumnName, options.Unit, bins);
    }

    /// <summary>Settings of <see cref="YieldStrengthBinningEstimator"/>.</summary>
    public sealed class Options
    {
        /// <summary>The inner edges of the X-Yield classes: 0.5, 1, 1.5, 2 GPa.</summary>
        public static IReadOnlyList<double> DefaultEdgesGpa { get; } = [0.5, 1.0, 1.5, 2.0];

        /// <summary>The yield-strength column (Single or Double). Default "YieldStrength".</summary>
        public string InputColumnName { get; set; } = "YieldStrength";

        /// <summary>The key-typed class column to add. Default "Label".</summary>
        public string OutputColumnName { get; set; } = "Label";

        /// <summary>The unit of the input column. Default <see cref="YieldStrengthUnit.Gigapascal"/>.</summary>
        public YieldStrengthUnit Unit { get; set; } = YieldStrengthUnit.Gigapascal;

        /// <summary>
        /// The inner bin edges, always in GPa whatever <see cref="Unit"/> is: finite, greater than 0, strictly
        /// increasing. n edges make n + 1 bins [0, e1), …, [en, ∞). Default <see cref="DefaultEdgesGpa"/>.
        /// </summary>
        public IReadOnlyList<double> EdgesGpa { get; set; } = DefaultEdgesGpa;
    }

    /// <summary>Nothing to learn: checks the input schema and returns the transformer.</summary>
    public YieldStrengthBinningTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <summary>The input columns plus the key-typed output column (with <c>KeyValues</c>); throws when the input column is missing or not a scalar Single/Double.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        InputColumnChecks.Require(inputSchema, ComponentName, _transformer.InputColumnName, YieldStrengthBinningTransformer.ExpectedInput,
            column => InputColumnChecks.IsScalarOf(column, NumberDataViewType.Single, NumberDataViewType.Double));
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[_transformer.OutputColumnName] = SchemaShapeColumns.Key(_transformer.OutputColumnName, SchemaShapeColumns.KeyValuesAnnotation());
        return new SchemaShape(columns.Values);
    }
}
