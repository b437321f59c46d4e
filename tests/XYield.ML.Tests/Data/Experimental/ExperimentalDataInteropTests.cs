using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;

namespace XYield.ML.Tests.Data.Experimental;

[TestFixture]
public sealed class ExperimentalDataInteropTests
{
    private static readonly ExperimentalDataSet Points = new(
    [
        new ExperimentalPoint(Composition.Parse("Mo25Nb25Ta25Zr25"), 298.15, 1.1, []),
        new ExperimentalPoint(Composition.Parse("Al0.5CrNbTi"), 1273.15, 0.2, []),
    ]);

    [Test]
    public void DataView_has_the_documented_schema_and_values()
    {
        var view = Points.ToDataView(new MLContext(seed: 0));

        var schema = view.Schema;
        Assert.That(schema[ColumnNames.Formula].Type, Is.EqualTo(TextDataViewType.Instance));
        Assert.That(schema[ColumnNames.Fractions].Type, Is.EqualTo(new VectorDataViewType(NumberDataViewType.Single, 11)));
        Assert.That(schema[ColumnNames.ElementCount].Type, Is.EqualTo(NumberDataViewType.Int32));
        Assert.That(schema[ColumnNames.Temperature].Type, Is.EqualTo(NumberDataViewType.Single));
        Assert.That(schema[ColumnNames.YieldStrength].Type, Is.EqualTo(NumberDataViewType.Single));

        VBuffer<ReadOnlyMemory<char>> slots = default;
        schema[ColumnNames.Fractions].GetSlotNames(ref slots);
        Assert.That(slots.DenseValues().Select(s => s.ToString()), Is.EqualTo(Palette.Symbols));

        var fractions = view.GetColumn<float[]>(ColumnNames.Fractions).ToList();
        Assert.That(fractions[0], Is.EqualTo(new[] { 0, 0, 0, 0, 0.25f, 0.25f, 0.25f, 0, 0, 0, 0.25f }));
        Assert.That(view.GetColumn<float>(ColumnNames.YieldStrength), Is.EqualTo(new[] { 1.1f, 0.2f }));
    }

    [Test]
    public void DataFrame_has_one_column_per_element()
    {
        var frame = Points.ToDataFrame();

        Assert.That(frame.Rows, Has.Count.EqualTo(2));
        Assert.That(frame.Columns.Select(c => c.Name), Is.EqualTo((string[])["Formula", .. Palette.Symbols, "ElementCount", "Temperature", "YieldStrength"]));
        Assert.That(frame["Al"][1], Is.EqualTo(0.5f / 3.5f).Within(1e-7));
        Assert.That(frame["Temperature"][1], Is.EqualTo(1273.15f));
    }
}
