using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.MlNetInternals;

/// <summary>
/// Builds <see cref="SchemaShape.Column"/> values, whose only constructor ML.NET keeps internal
/// (dotnet/machinelearning#3243). Estimators use these to declare their output in <c>GetOutputSchema</c>.
/// </summary>
internal static class SchemaShapeColumns
{
    /// <summary>A scalar column of <paramref name="itemType"/>.</summary>
    internal static SchemaShape.Column Scalar(string name, DataViewType itemType, SchemaShape? annotations = null) =>
        new(name, SchemaShape.Column.VectorKind.Scalar, itemType, isKey: false, annotations);

    /// <summary>A known-size vector column of <paramref name="itemType"/> (SchemaShape does not record the size).</summary>
    internal static SchemaShape.Column Vector(string name, DataViewType itemType, SchemaShape? annotations = null) =>
        new(name, SchemaShape.Column.VectorKind.Vector, itemType, isKey: false, annotations);

    /// <summary>A scalar key column (UInt32 keys), as ML.NET's own estimators declare them.</summary>
    internal static SchemaShape.Column Key(string name, SchemaShape? annotations = null) =>
        new(name, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, isKey: true, annotations);

    /// <summary>The annotations of a key column whose values are named: a <c>KeyValues</c> text vector.</summary>
    internal static SchemaShape KeyValuesAnnotation() =>
        new([Vector(AnnotationUtils.Kinds.KeyValues, TextDataViewType.Instance)]);

    /// <summary>The annotations of a vector column with named slots: a <c>SlotNames</c> text vector.</summary>
    internal static SchemaShape SlotNamesAnnotation() =>
        new([Vector(AnnotationUtils.Kinds.SlotNames, TextDataViewType.Instance)]);

    /// <summary>The <see cref="SchemaShape"/> of a schema (what <c>EstimatorChain</c> propagates), through ML.NET's internal factory.</summary>
    internal static SchemaShape FromSchema(DataViewSchema schema) => SchemaShape.Create(schema);
}
