using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Tests.Workout;

/// <summary>Schema and value equality of data views: floats bit for bit, vectors slot by slot, annotations included.</summary>
internal static class DataViewAssert
{
    /// <summary>The visible columns have the same names, types and KeyValues/SlotNames annotations, in order.</summary>
    public static void SameSchema(DataViewSchema expected, DataViewSchema actual)
    {
        var expectedColumns = expected.Where(c => !c.IsHidden).ToArray();
        var actualColumns = actual.Where(c => !c.IsHidden).ToArray();
        Assert.That(actualColumns.Select(c => c.Name), Is.EqualTo(expectedColumns.Select(c => c.Name)), "column names");
        for (var i = 0; i < expectedColumns.Length; i++)
        {
            Assert.That(actualColumns[i].Type, Is.EqualTo(expectedColumns[i].Type), $"type of column '{expectedColumns[i].Name}'");
            foreach (var kind in new[] { "KeyValues", "SlotNames" })
            {
                Assert.That(Annotation(actualColumns[i], kind), Is.EqualTo(Annotation(expectedColumns[i], kind)),
                    $"{kind} of column '{expectedColumns[i].Name}'");
            }
        }
    }

    /// <summary>Same schema and the same values in every visible column and row.</summary>
    public static void SameValues(IDataView expected, IDataView actual)
    {
        SameSchema(expected.Schema, actual.Schema);
        foreach (var column in expected.Schema.Where(c => !c.IsHidden))
        {
            Assert.That(Column(actual, column.Name), Is.EqualTo(Column(expected, column.Name)), $"values of column '{column.Name}'");
        }
    }

    /// <summary>The values of a column as exact strings (floats as their bits), one per row.</summary>
    public static IReadOnlyList<string> Column(IDataView view, string name)
    {
        var column = view.Schema[name];
        return (IReadOnlyList<string>)ReadMethod.MakeGenericMethod(column.Type.RawType).Invoke(null, [view, column])!;
    }

    /// <summary>An annotation's value as an exact string, or null when the column has none.</summary>
    public static string? Annotation(DataViewSchema.Column column, string kind)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        return annotation is { } found
            ? (string)AnnotationMethod.MakeGenericMethod(found.Type.RawType).Invoke(null, [column.Annotations, found])!
            : null;
    }

    private static readonly MethodInfo ReadMethod = typeof(DataViewAssert).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AnnotationMethod = typeof(DataViewAssert).GetMethod(nameof(ReadAnnotation), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static List<string> Read<T>(IDataView view, DataViewSchema.Column column)
    {
        var values = new List<string>();
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(Exact(value));
        }

        return values;
    }

    private static string ReadAnnotation<T>(DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        T value = default!;
        annotations.GetGetter<T>(column)(ref value);
        return Exact(value);
    }

    private static string Exact<T>(T value) => value switch
    {
        float f => BitConverter.SingleToInt32Bits(f).ToString("X8", CultureInfo.InvariantCulture),
        double d => BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture),
        ReadOnlyMemory<char> text => text.ToString(),
        VBuffer<float> v => string.Join(";", v.DenseValues().Select(Exact)),
        VBuffer<double> v => string.Join(";", v.DenseValues().Select(Exact)),
        VBuffer<uint> v => string.Join(";", v.DenseValues().Select(Exact)),
        VBuffer<ReadOnlyMemory<char>> v => string.Join(";", v.DenseValues().Select(Exact)),
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"No exact comparison for {typeof(T).Name}."),
    };
}
