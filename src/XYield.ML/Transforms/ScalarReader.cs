using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms;

/// <summary>Reads a scalar Single or Double column as double, so a transform accepts temperatures of either type.</summary>
internal static class ScalarReader
{
    /// <summary>A reader of <paramref name="column"/>'s current value (the column is Single or Double, checked by the caller).</summary>
    public static Func<double> AsDouble(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Single)
        {
            var read = row.GetGetter<float>(column);
            var value = 0f;
            return () =>
            {
                read(ref value);
                return value;
            };
        }

        var readDouble = row.GetGetter<double>(column);
        var doubleValue = 0d;
        return () =>
        {
            readDouble(ref doubleValue);
            return doubleValue;
        };
    }
}
