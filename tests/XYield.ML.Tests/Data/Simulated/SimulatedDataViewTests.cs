using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
using XYield.ML.Physics;

namespace XYield.ML.Tests.Data.Simulated;

[TestFixture]
public sealed class SimulatedDataViewTests
{
    [Test]
    public void Schema_has_the_documented_columns_types_and_slot_names()
    {
        var view = SimulatedDataset.CreateDataView(10, seed: 1);

        Assert.That(view.Schema.Select(c => c.Name), Is.EqualTo(new[] { "Fractions", "Temperature", "YieldStrength" }));
        var fractions = view.Schema["Fractions"];
        Assert.That(fractions.Type, Is.EqualTo(new VectorDataViewType(NumberDataViewType.Single, Palette.Count)));
        Assert.That(((VectorDataViewType)fractions.Type).IsKnownSize, Is.True);
        Assert.That(view.Schema["Temperature"].Type, Is.EqualTo(NumberDataViewType.Single));
        Assert.That(view.Schema["YieldStrength"].Type, Is.EqualTo(NumberDataViewType.Single));
        VBuffer<ReadOnlyMemory<char>> names = default;
        fractions.GetSlotNames(ref names);
        Assert.That(names.DenseValues().Select(n => n.ToString()), Is.EqualTo(Palette.Symbols));
        Assert.That(view.GetRowCount(), Is.EqualTo(10));
        Assert.That(SimulatedDataset.DefaultCount, Is.EqualTo(100_000));
        Assert.That(SimulatedDataset.CreateDataView().GetRowCount(), Is.EqualTo(100_000));
    }

    [Test]
    public void Rows_are_the_seeded_sampler_points_labelled_in_GPa()
    {
        var context = new MLContext(seed: 0);
        var rows = context.Data.CreateEnumerable<Row>(SimulatedDataset.CreateDataView(500, seed: 9), reuseRowObject: false).ToList();

        var sampler = new SimulatedGridSampler(9);
        var model = new MarescaCurtinModel();
        var fractions = new double[Palette.Count];
        Assert.That(rows, Has.Count.EqualTo(500));
        foreach (var row in rows)
        {
            var t = sampler.Next(fractions);
            Assert.That(row.Temperature, Is.EqualTo((float)t));
            Assert.That(row.Fractions, Is.EqualTo(fractions.Select(f => (float)f).ToArray()));
            Assert.That(row.YieldStrength, Is.EqualTo((float)(model.YieldStrength(fractions, t) / 1000)));
        }
    }

    [Test]
    public void Two_cursors_replay_the_same_rows_whatever_the_active_columns()
    {
        var view = SimulatedDataset.CreateDataView(200, seed: 4);
        var withAll = ReadTemperatures(view, view.Schema);
        var withTemperatureOnly = ReadTemperatures(view, [view.Schema["Temperature"]]);

        Assert.That(withTemperatureOnly, Is.EqualTo(withAll));
        Assert.That(withAll.Distinct().Count(), Is.GreaterThan(10));
    }

    [Test]
    public void Streaming_two_million_rows_allocates_bounded_memory()
    {
        const long count = 2_000_000;
        var view = SimulatedDataset.CreateDataView(count, seed: 1);
        using var cursor = view.GetRowCursor(view.Schema);
        var fractions = cursor.GetGetter<VBuffer<float>>(view.Schema["Fractions"]);
        var temperature = cursor.GetGetter<float>(view.Schema["Temperature"]);
        var strength = cursor.GetGetter<float>(view.Schema["YieldStrength"]);
        VBuffer<float> f = default;
        float t = 0, s = 0;
        double sum = 0;
        long rows = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        while (cursor.MoveNext())
        {
            fractions(ref f);
            temperature(ref t);
            strength(ref s);
            sum += s + t + f.GetValues()[0];
            rows++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(rows, Is.EqualTo(count));
        Assert.That(allocated, Is.LessThan(64 * 1024), "bytes allocated while streaming");
        Assert.That(sum, Is.GreaterThan(0));
    }

    [Test]
    public void Cursor_refuses_inactive_columns_wrong_types_and_reads_before_the_first_row()
    {
        var view = SimulatedDataset.CreateDataView(3, seed: 1);
        using var cursor = view.GetRowCursor([view.Schema["Temperature"]]);

        var inactive = Assert.Throws<ArgumentOutOfRangeException>(() => cursor.GetGetter<float>(view.Schema["YieldStrength"]));
        Assert.That(inactive!.Message, Does.Contain("YieldStrength").And.Contain("not requested"));
        var wrongType = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>(view.Schema["Temperature"]));
        Assert.That(wrongType!.Message, Does.Contain("Temperature").And.Contain("Double"));
        var getter = cursor.GetGetter<float>(view.Schema["Temperature"]);
        float value = 0;
        Assert.Throws<InvalidOperationException>(() => getter(ref value));
        Assert.That(Enumerable.Range(0, 4).Count(_ => cursor.MoveNext()), Is.EqualTo(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedDataset.CreateDataView(-1));
    }

    [Test]
    public void DataFrame_holds_the_same_points_with_one_column_per_element()
    {
        var frame = SimulatedDataset.ToDataFrame(300, seed: 9);
        var rows = new MLContext().Data.CreateEnumerable<Row>(SimulatedDataset.CreateDataView(300, seed: 9), reuseRowObject: false).ToList();

        Assert.That(frame.Columns.Select(c => c.Name), Is.EqualTo(Palette.Symbols.Concat(["Temperature", "YieldStrength"])));
        Assert.That(frame.Rows.Count, Is.EqualTo(300));
        for (var i = 0; i < 300; i++)
        {
            Assert.That(frame["Temperature"][i], Is.EqualTo(rows[i].Temperature));
            Assert.That(frame["YieldStrength"][i], Is.EqualTo(rows[i].YieldStrength));
            Assert.That(frame["Nb"][i], Is.EqualTo(rows[i].Fractions[5]));
        }
    }

    private static List<float> ReadTemperatures(SimulatedDataView view, IEnumerable<DataViewSchema.Column> active)
    {
        using var cursor = view.GetRowCursor(active);
        var getter = cursor.GetGetter<float>(view.Schema["Temperature"]);
        var values = new List<float>();
        float t = 0;
        while (cursor.MoveNext())
        {
            getter(ref t);
            values.Add(t);
        }

        return values;
    }

    private sealed class Row
    {
        [VectorType(11)]
        public float[] Fractions { get; set; } = [];

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }
}
