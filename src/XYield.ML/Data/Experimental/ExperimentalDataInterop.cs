using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Data;

namespace XYield.ML.Data.Experimental;

/// <summary>
/// The experimental set as an ML.NET <see cref="IDataView"/> or a <see cref="DataFrame"/>, with the columns of
/// <see cref="ColumnNames"/>.
/// </summary>
public static class ExperimentalDataInterop
{
    /// <summary>
    /// An <see cref="IDataView"/> with columns Formula (Text), Fractions (Vector&lt;Single, 11&gt; with slot names
    /// = palette symbols), ElementCount (Int32), Temperature (Single, K) and YieldStrength (Single, GPa).
    /// </summary>
    public static IDataView ToDataView(this ExperimentalDataSet points, MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(mlContext);
        var schema = SchemaDefinition.Create(typeof(Row));
        var slotNames = new VBuffer<ReadOnlyMemory<char>>(Palette.Count, Palette.Symbols.Select(s => s.AsMemory()).ToArray());
        schema[ColumnNames.Fractions].AddAnnotation(
            "SlotNames", slotNames, new VectorDataViewType(TextDataViewType.Instance, Palette.Count));
        return mlContext.Data.LoadFromEnumerable(points.Select(ToRow).ToArray(), schema);
    }

    /// <summary>
    /// A <see cref="DataFrame"/> with one column per palette element (its symbol) plus Formula, ElementCount,
    /// Temperature and YieldStrength (one column per feature, since DataFrame vector columns are variable-size in ML.NET).
    /// </summary>
    public static DataFrame ToDataFrame(this ExperimentalDataSet points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var formula = new StringDataFrameColumn(ColumnNames.Formula, points.Select(p => p.Composition.ToString()));
        var elements = Palette.Symbols.Select(s => new SingleDataFrameColumn(s, points.Select(p => (float)p.Composition.FractionOf(s))));
        var count = new Int32DataFrameColumn(ColumnNames.ElementCount, points.Select(p => p.ElementCount));
        var temperature = new SingleDataFrameColumn(ColumnNames.Temperature, points.Select(p => (float)p.TemperatureKelvin));
        var strength = new SingleDataFrameColumn(ColumnNames.YieldStrength, points.Select(p => (float)p.YieldStrengthGpa));
        return new DataFrame([formula, .. elements, count, temperature, strength]);
    }

    private static Row ToRow(ExperimentalPoint p) => new()
    {
        Formula = p.Composition.ToString(),
        Fractions = p.Composition.ToPaletteFractions().Select(f => (float)f).ToArray(),
        ElementCount = p.ElementCount,
        Temperature = (float)p.TemperatureKelvin,
        YieldStrength = (float)p.YieldStrengthGpa,
    };

    /// <summary>The row type behind <see cref="ToDataView"/>.</summary>
    private sealed class Row
    {
        public string Formula { get; set; } = "";

        [VectorType(11)]
        public float[] Fractions { get; set; } = [];

        public int ElementCount { get; set; }

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }
}
