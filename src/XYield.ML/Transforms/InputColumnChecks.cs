using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms;

/// <summary>
/// Input-column validation shared by estimators (<see cref="SchemaShape"/>) and transformers
/// (<see cref="DataViewSchema"/>). Messages name the component, the column, what was found and what was expected.
/// </summary>
internal static class InputColumnChecks
{
    /// <summary>Finds <paramref name="columnName"/> in <paramref name="inputSchema"/> and checks its type.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <param name="component">The component name for the message, e.g. "BinYieldStrength".</param>
    /// <param name="columnName">The input column.</param>
    /// <param name="expected">What the column must be, in words, e.g. "a scalar Single or Double column".</param>
    /// <param name="accepts">Whether a column type is acceptable.</param>
    public static DataViewSchema.Column Require(
        DataViewSchema inputSchema, string component, string columnName, string expected, Func<DataViewType, bool> accepts)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (inputSchema.GetColumnOrNull(columnName) is not { } column)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), Missing(component, columnName, expected, inputSchema.Where(c => !c.IsHidden).Select(c => c.Name)));
        }

        return accepts(column.Type)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(inputSchema), WrongType(component, columnName, column.Type.ToString() ?? column.Type.RawType.Name, expected));
    }

    /// <summary>The <see cref="SchemaShape"/> form of <see cref="Require(DataViewSchema, string, string, string, Func{DataViewType, bool})"/>.</summary>
    public static SchemaShape.Column Require(
        SchemaShape inputSchema, string component, string columnName, string expected, Func<SchemaShape.Column, bool> accepts)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        // SchemaShape.TryFindColumn is internal; names in a SchemaShape are unique.
        if (inputSchema.FirstOrDefault(c => c.Name == columnName) is not { Name: not null } column)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), Missing(component, columnName, expected, inputSchema.Select(c => c.Name)));
        }

        return accepts(column)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(inputSchema), WrongType(component, columnName, Describe(column), expected));
    }

    /// <summary>Whether a <see cref="SchemaShape"/> column is a plain (non-key) scalar of one of <paramref name="itemTypes"/>.</summary>
    public static bool IsScalarOf(SchemaShape.Column column, params DataViewType[] itemTypes) =>
        column.Kind == SchemaShape.Column.VectorKind.Scalar && !column.IsKey && itemTypes.Contains(column.ItemType);

    /// <summary>How a <see cref="SchemaShape"/> column reads in messages: "Single", "Vector&lt;Single&gt;", "Key&lt;UInt32&gt;".</summary>
    public static string Describe(SchemaShape.Column column)
    {
        var item = column.IsKey ? $"Key<{column.ItemType}>" : $"{column.ItemType}";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{item}>",
            _ => item,
        };
    }

    private static string Missing(string component, string columnName, string expected, IEnumerable<string> present) =>
        $"{component}: input column '{columnName}' was not found; expected {expected}. Columns present: {string.Join(", ", present.Distinct())}.";

    private static string WrongType(string component, string columnName, string found, string expected) =>
        $"{component}: input column '{columnName}' is {found}; expected {expected}.";
}
