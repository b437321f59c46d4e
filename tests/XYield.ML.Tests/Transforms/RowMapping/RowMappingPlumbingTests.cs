using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Tests.Workout;

namespace XYield.ML.Tests.Transforms.RowMapping;

/// <summary>The shared row-to-row plumbing, exercised through the binner (the simplest mapper).</summary>
[TestFixture]
public sealed class RowMappingPlumbingTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public float YieldStrength { get; set; }

        public float Other { get; set; }
    }

    private IDataView Data(params float[] values) =>
        _ml.Data.LoadFromEnumerable(values.Select((v, i) => new Row { YieldStrength = v, Other = i }).ToArray());

    [Test]
    public void Added_columns_are_computed_only_when_read()
    {
        // Row 1 is invalid, but reading only the pass-through columns never runs the mapper.
        var output = _ml.Transforms.BinYieldStrength().Fit(Data(1f, -1f)).Transform(Data(1f, -1f));

        Assert.That(output.GetColumn<float>("Other").ToArray(), Is.EqualTo(new[] { 0f, 1f }));
        Assert.Throws<InvalidDataException>(() => output.GetColumn<uint>("Label").ToArray());
    }

    [Test]
    public void Output_with_the_input_name_hides_the_input_column()
    {
        var data = Data(0.2f, 1.7f);

        var output = _ml.Transforms.BinYieldStrength("YieldStrength", "YieldStrength").Fit(data).Transform(data);

        Assert.That(output.Schema.Where(c => !c.IsHidden).Select(c => c.Name), Is.EqualTo(new[] { "Other", "YieldStrength" }));
        Assert.That(output.Schema.Count(c => c.IsHidden && c.Name == "YieldStrength"), Is.EqualTo(1));
        Assert.That(output.Schema["YieldStrength"].Type, Is.TypeOf<KeyDataViewType>());
        Assert.That(output.GetColumn<uint>("YieldStrength").ToArray(), Is.EqualTo(new uint[] { 1, 4 }));
    }

    [Test]
    public void Cursor_sets_cover_every_row_once()
    {
        var values = Enumerable.Range(0, 50).Select(i => i / 20f).ToArray();
        var output = _ml.Transforms.BinYieldStrength().Fit(Data(values)).Transform(Data(values));
        var label = output.Schema["Label"];

        var keys = new List<uint>();
        foreach (var cursor in output.GetRowCursorSet([label], 2))
        {
            using (cursor)
            {
                var getter = cursor.GetGetter<uint>(label);
                uint key = 0;
                while (cursor.MoveNext())
                {
                    getter(ref key);
                    keys.Add(key);
                }
            }
        }

        Assert.That(keys.Order(), Is.EqualTo(output.GetColumn<uint>("Label").Order()));
    }

    [Test]
    public void Wrong_getter_type_and_inactive_columns_are_explained()
    {
        var data = Data(1f);
        var output = _ml.Transforms.BinYieldStrength().Fit(data).Transform(data);
        var label = output.Schema["Label"];

        using var cursor = output.GetRowCursor([label]);
        Assert.That(cursor.IsColumnActive(label), Is.True);
        Assert.That(() => cursor.GetGetter<float>(label),
            Throws.InvalidOperationException.With.Message.Contains("Column 'Label' holds UInt32 values; a getter of Single was requested"));

        using var inactive = output.GetRowCursor([output.Schema["Other"]]);
        Assert.That(inactive.IsColumnActive(label), Is.False);
        Assert.That(() => inactive.GetGetter<uint>(label), Throws.InvalidOperationException.With.Message.Contains("Column 'Label' is not active"));
    }

    [Test]
    public void Row_to_row_mapper_needs_only_the_input_the_output_depends_on()
    {
        var data = Data(1f);
        var transformer = _ml.Transforms.BinYieldStrength().Fit(data);

        var mapper = transformer.GetRowToRowMapper(data.Schema);

        Assert.That(transformer.IsRowToRowMapper, Is.True);
        Assert.That(mapper.GetDependencies([mapper.OutputSchema["Label"]]).Select(c => c.Name), Is.EqualTo(new[] { "YieldStrength" }));
        Assert.That(mapper.GetDependencies([mapper.OutputSchema["Other"]]).Select(c => c.Name), Is.EqualTo(new[] { "Other" }));
        DataViewAssert.SameSchema(transformer.GetOutputSchema(data.Schema), mapper.OutputSchema);
    }
}
