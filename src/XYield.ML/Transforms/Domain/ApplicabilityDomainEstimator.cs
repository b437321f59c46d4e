using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Data;
using XYield.ML.Domain;
using XYield.ML.MlNetInternals;

namespace XYield.ML.Transforms;

/// <summary>
/// Learns the applicability domain of the training data (see <see cref="ApplicabilityDomain"/> for the rule) so that
/// every later prediction can say whether it extrapolates. Append it after the trainer:
/// <c>ml.Transforms.FeaturizeAlloy().Append(trainer).Append(ml.Transforms.LearnApplicabilityDomain())</c>.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// | Characteristic | Value |
/// | -- | -- |
/// | Does this estimator need to look at the data to train its parameters? | Yes (one pass) |
/// | Input columns | Fractions: Vector&lt;Single, 11&gt;; Temperature: Single or Double, K |
/// | Output columns | InDomain: Boolean; DomainDistance: Single; DomainNote: Text |
/// | Exportable to ONNX | No |
/// ]]></format>
/// </remarks>
public sealed class ApplicabilityDomainEstimator : IEstimator<ApplicabilityDomainTransformer>
{
    internal const string ComponentName = "LearnApplicabilityDomain";
    private const string FractionsExpected = "a Vector<Single, 11> of palette fractions";
    private const string TemperatureExpected = "a scalar Single or Double temperature in K";

    /// <summary>Creates the estimator.</summary>
    /// <param name="fractionsColumnName">The palette-fractions column.</param>
    /// <param name="temperatureColumnName">The temperature column (K).</param>
    public ApplicabilityDomainEstimator(string fractionsColumnName = ColumnNames.Fractions, string temperatureColumnName = ColumnNames.Temperature)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fractionsColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(temperatureColumnName);
        FractionsColumnName = fractionsColumnName;
        TemperatureColumnName = temperatureColumnName;
    }

    /// <summary>The palette-fractions column.</summary>
    public string FractionsColumnName { get; }

    /// <summary>The temperature column (K).</summary>
    public string TemperatureColumnName { get; }

    /// <summary>Reads every training row once and learns the domain.</summary>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public ApplicabilityDomainTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (fractions, temperature) = RequireInputs(input.Schema, FractionsColumnName, TemperatureColumnName);
        var points = new List<(float[], double)>();
        using (var cursor = input.GetRowCursor([fractions, temperature]))
        {
            var readFractions = cursor.GetGetter<VBuffer<float>>(fractions);
            var readKelvin = ScalarReader.AsDouble(cursor, temperature);
            var buffer = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                readFractions(ref buffer);
                points.Add((buffer.DenseValues().ToArray(), readKelvin()));
            }
        }

        return new ApplicabilityDomainTransformer(ApplicabilityDomain.Learn(points), FractionsColumnName, TemperatureColumnName);
    }

    /// <summary>The input columns plus InDomain, DomainDistance and DomainNote; throws when an input column is missing or of the wrong type.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        InputColumnChecks.Require(inputSchema, ComponentName, FractionsColumnName, FractionsExpected,
            c => c.Kind == SchemaShape.Column.VectorKind.Vector && c.ItemType == NumberDataViewType.Single);
        InputColumnChecks.Require(inputSchema, ComponentName, TemperatureColumnName, TemperatureExpected,
            c => InputColumnChecks.IsScalarOf(c, NumberDataViewType.Single, NumberDataViewType.Double));
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[ApplicabilityDomainTransformer.InDomainColumnName] = SchemaShapeColumns.Scalar(ApplicabilityDomainTransformer.InDomainColumnName, BooleanDataViewType.Instance);
        columns[ApplicabilityDomainTransformer.DistanceColumnName] = SchemaShapeColumns.Scalar(ApplicabilityDomainTransformer.DistanceColumnName, NumberDataViewType.Single);
        columns[ApplicabilityDomainTransformer.NoteColumnName] = SchemaShapeColumns.Scalar(ApplicabilityDomainTransformer.NoteColumnName, TextDataViewType.Instance);
        return new SchemaShape(columns.Values);
    }

    internal static (DataViewSchema.Column Fractions, DataViewSchema.Column Temperature) RequireInputs(DataViewSchema schema, string fractions, string temperature) =>
        (InputColumnChecks.Require(schema, ComponentName, fractions, FractionsExpected,
            t => t is VectorDataViewType { ItemType: var item, Size: Palette.Count } && item == NumberDataViewType.Single),
         InputColumnChecks.Require(schema, ComponentName, temperature, TemperatureExpected,
            t => t == NumberDataViewType.Single || t == NumberDataViewType.Double));
}
