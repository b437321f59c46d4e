using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Data;
using XYield.ML.MlNetInternals;

namespace XYield.ML.Transforms;

/// <summary>
/// Turns alloy formulas ("MoNbTaW", "Al0.5CrNbTi", "Mo25Nb25Ta25Zr25" …) into a fixed-length vector of element
/// fractions: the 11 X-Yield palette elements (default) or all 118 elements, with the element symbols as slot
/// names. A vector input of that size is normalised instead. Create it with <c>mlContext.Transforms.FeaturizeComposition</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// | Characteristic | Value |
/// | -- | -- |
/// | Does this estimator need to look at the data to train its parameters? | No |
/// | Input column data type | Text (a formula), or Vector&lt;Single&gt; of the output size (amounts) |
/// | Output column data type | Vector&lt;Single, 11&gt; (palette) or Vector&lt;Single, 118&gt; (all), slot names = symbols |
/// | Exportable to ONNX | No |
/// ]]></format>
/// An unreadable formula, or one with an element outside the palette, fails when the row is read, naming the row and
/// the reason. With <see cref="InvalidRowHandling.Skip"/> such rows are dropped from <c>Transform</c>'s output instead and
/// counted in <see cref="CompositionFeaturizingTransformer.SkippedRowCount"/>.
/// </remarks>
public sealed class CompositionFeaturizingEstimator : IEstimator<CompositionFeaturizingTransformer>
{
    internal const string ComponentName = "FeaturizeComposition";

    private readonly CompositionFeaturizingTransformer _transformer;

    /// <summary>Creates the estimator; invalid options throw <see cref="ArgumentException"/> naming the option.</summary>
    public CompositionFeaturizingEstimator(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputColumnName) || string.IsNullOrWhiteSpace(options.InputColumnName))
        {
            throw new ArgumentException("Options.OutputColumnName and Options.InputColumnName must name columns.", nameof(options));
        }

        if (!Enum.IsDefined(options.Elements) || !Enum.IsDefined(options.InvalidRows))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Options.Elements must be Palette or All; Options.InvalidRows must be Throw or Skip.");
        }

        _transformer = new CompositionFeaturizingTransformer(options.OutputColumnName, options.InputColumnName, options.Elements, options.InvalidRows);
    }

    /// <summary>Settings of <see cref="CompositionFeaturizingEstimator"/>.</summary>
    public sealed class Options
    {
        /// <summary>The fractions column to add. Default "Fractions".</summary>
        public string OutputColumnName { get; set; } = ColumnNames.Fractions;

        /// <summary>The formula (Text) or amounts (Vector&lt;Single&gt;) column. Default "Formula".</summary>
        public string InputColumnName { get; set; } = ColumnNames.Formula;

        /// <summary>Which elements get a slot. Default <see cref="ElementSet.Palette"/>.</summary>
        public ElementSet Elements { get; set; } = ElementSet.Palette;

        /// <summary>What to do with an unreadable row. Default <see cref="InvalidRowHandling.Throw"/>.</summary>
        public InvalidRowHandling InvalidRows { get; set; } = InvalidRowHandling.Throw;
    }

    /// <summary>Nothing to learn: checks the input schema and returns the transformer.</summary>
    public CompositionFeaturizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <summary>The input columns plus the fractions vector (with slot names); throws when the input column is missing or of the wrong type.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        InputColumnChecks.Require(inputSchema, ComponentName, _transformer.InputColumnName, _transformer.ExpectedInput,
            c => !c.IsKey && ((c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is TextDataViewType) ||
                              (c.Kind == SchemaShape.Column.VectorKind.Vector && c.ItemType == NumberDataViewType.Single)));
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[_transformer.OutputColumnName] = SchemaShapeColumns.Vector(_transformer.OutputColumnName, NumberDataViewType.Single, SchemaShapeColumns.SlotNamesAnnotation());
        return new SchemaShape(columns.Values);
    }
}

/// <summary>What a featurizer does with a row it cannot read.</summary>
public enum InvalidRowHandling
{
    /// <summary>Fail, naming the row and the reason (default).</summary>
    Throw,

    /// <summary>Leave the row out of the transformed data and count it (never silently: see the transformer's count).</summary>
    Skip,
}
