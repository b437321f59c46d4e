using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Tests.Transforms.RowMapping;

/// <summary>The read-ahead cursor of batched mappers, through a mapper that doubles a column one batch at a time.</summary>
[TestFixture]
public sealed class BatchedRowCursorTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public float Value { get; set; }

        public string Name { get; set; } = "";

        [VectorType(3)]
        public float[] Vector { get; set; } = [];
    }

    /// <summary>Adds Doubled = 2 × Value, computed for the whole window on first read; counts the batches it computes.</summary>
    private sealed class DoublingMapper(DataViewSchema inputSchema, int batchSize) : BatchedColumnMapper(inputSchema)
    {
        private readonly DataViewSchema.DetachedColumn[] _outputs = [new("Doubled", NumberDataViewType.Single)];

        public int BatchesComputed { get; private set; }

        public int RowsComputedOneByOne { get; private set; }

        public override int BatchSize => batchSize;

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => _outputs;

        public override IEnumerable<int> GetInputColumnIndices(int outputIndex) => [InputSchema["Value"].Index];

        public override Delegate CreateGetter(DataViewRow input, int outputIndex)
        {
            var read = input.GetGetter<float>(InputSchema["Value"]);
            var value = 0f;
            return (ValueGetter<float>)((ref float doubled) =>
            {
                RowsComputedOneByOne++;
                read(ref value);
                doubled = 2 * value;
            });
        }

        public override Delegate?[] CreateBatchGetters(RowWindow window, Func<int, bool> isOutputActive)
        {
            var read = window.GetSlotGetter<float>(InputSchema["Value"].Index);
            var doubled = new float[window.Capacity];
            var computed = -1L;
            return
            [
                isOutputActive(0)
                    ? (ValueGetter<float>)((ref float result) =>
                    {
                        if (computed != window.Generation)
                        {
                            BatchesComputed++;
                            for (var slot = 0; slot < window.Count; slot++)
                            {
                                var value = 0f;
                                read(slot, ref value);
                                doubled[slot] = 2 * value;
                            }

                            computed = window.Generation;
                        }

                        result = doubled[window.Current];
                    })
                    : null,
            ];
        }
    }

    private IDataView Data(int count) => _ml.Data.LoadFromEnumerable(
        Enumerable.Range(0, count).Select(i => new Row { Value = i, Name = $"row {i}", Vector = [i, -i, i * 0.5f] }).ToArray());

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(10)]
    [TestCase(64)]
    public void Every_column_and_row_id_matches_the_input_across_batch_boundaries(int batchSize)
    {
        var input = Data(10);
        var mapper = new DoublingMapper(input.Schema, batchSize);
        var view = new MappedDataView(input, mapper);

        using var cursor = view.GetRowCursor(view.Schema);
        Assert.That(cursor, Is.TypeOf<BatchedRowCursor>());
        var doubled = cursor.GetGetter<float>(view.Schema["Doubled"]);
        var name = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Name"]);
        var vector = cursor.GetGetter<VBuffer<float>>(view.Schema["Vector"]);
        var id = cursor.GetIdGetter();
        using var expected = input.GetRowCursor(input.Schema);
        var expectedId = expected.GetIdGetter();
        var (d, n, v, i, e) = (0f, default(ReadOnlyMemory<char>), default(VBuffer<float>), default(DataViewRowId), default(DataViewRowId));
        var rows = 0;
        while (cursor.MoveNext())
        {
            Assert.That(expected.MoveNext(), Is.True);
            Assert.That(cursor.Position, Is.EqualTo(rows));
            doubled(ref d);
            name(ref n);
            vector(ref v);
            id(ref i);
            expectedId(ref e);
            Assert.That((d, n.ToString(), v.DenseValues().ToArray(), i), Is.EqualTo((2f * rows, $"row {rows}", new[] { rows, -rows, rows * 0.5f }, e)));
            rows++;
        }

        Assert.That(rows, Is.EqualTo(10));
        Assert.That(cursor.MoveNext(), Is.False, "stays at the end");
        Assert.That(mapper.BatchesComputed, Is.EqualTo((10 + batchSize - 1) / batchSize), "one computation per batch");
        Assert.That(mapper.RowsComputedOneByOne, Is.Zero);
    }

    [Test]
    public void Batches_are_computed_only_when_an_added_column_is_read()
    {
        var input = Data(10);
        var mapper = new DoublingMapper(input.Schema, 4);
        var view = new MappedDataView(input, mapper);

        using (var passThrough = view.GetRowCursor([view.Schema["Name"]]))
        {
            Assert.That(passThrough, Is.TypeOf<MappedRowCursor>(), "no added column requested: no read-ahead");
        }

        using var cursor = view.GetRowCursor([view.Schema["Doubled"]]);
        while (cursor.MoveNext())
        {
        }

        Assert.That(mapper.BatchesComputed, Is.Zero);
    }

    [Test]
    public void A_failing_upstream_getter_fails_only_its_own_row()
    {
        // Row 5's amounts are invalid: a featurizer in Throw mode fails when that row's fractions are read.
        var rows = Enumerable.Range(0, 8).Select(i => new Row { Value = i, Name = i == 5 ? "Mo?" : "MoNb", Vector = [1, 1, 1] }).ToArray();
        var input = _ml.Data.LoadFromEnumerable(rows);
        var featurized = _ml.Transforms.FeaturizeComposition(inputColumnName: "Name").Fit(input).Transform(input);
        var view = new MappedDataView(featurized, new DoublingMapper(featurized.Schema, 4));

        using var cursor = view.GetRowCursor(view.Schema);
        var fractions = cursor.GetGetter<VBuffer<float>>(view.Schema["Fractions"]);
        var doubled = cursor.GetGetter<float>(view.Schema["Doubled"]);
        var value = default(VBuffer<float>);
        var d = 0f;
        for (var row = 0; row < 8; row++)
        {
            Assert.That(cursor.MoveNext(), Is.True);
            doubled(ref d);
            if (row == 5)
            {
                Assert.That(() => fractions(ref value), Throws.TypeOf<InvalidDataException>().With.Message.Contains("row 5"));
            }
            else
            {
                Assert.DoesNotThrow(() => fractions(ref value), $"row {row}");
            }
        }
    }

    [Test]
    public void Each_cursor_of_a_set_batches_its_own_rows()
    {
        var input = _ml.Data.Cache(Data(200));
        var view = new MappedDataView(input, new DoublingMapper(input.Schema, 16));
        var doubledColumn = view.Schema["Doubled"];
        var valueColumn = view.Schema["Value"];

        var cursors = view.GetRowCursorSet([doubledColumn, valueColumn], 3);
        var pairs = cursors.AsParallel().SelectMany(cursor =>
        {
            using (cursor)
            {
                var doubled = cursor.GetGetter<float>(doubledColumn);
                var value = cursor.GetGetter<float>(valueColumn);
                var read = new List<(float, float)>();
                var (d, v) = (0f, 0f);
                while (cursor.MoveNext())
                {
                    doubled(ref d);
                    value(ref v);
                    read.Add((v, d));
                }

                return read;
            }
        }).ToList();

        Assert.That(pairs.Select(p => p.Item1).Order(), Is.EqualTo(Enumerable.Range(0, 200).Select(i => (float)i)));
        Assert.That(pairs, Is.All.Matches<(float Value, float Doubled)>(p => p.Doubled == 2 * p.Value));
    }

    [Test]
    public void Inactive_and_mistyped_columns_are_explained()
    {
        var input = Data(3);
        var view = new MappedDataView(input, new DoublingMapper(input.Schema, 2));

        using var cursor = view.GetRowCursor([view.Schema["Doubled"]]);
        Assert.That(cursor.IsColumnActive(view.Schema["Value"]), Is.True, "a dependency is read ahead");
        Assert.That(cursor.IsColumnActive(view.Schema["Name"]), Is.False);
        Assert.That(() => cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Name"]), Throws.InvalidOperationException.With.Message.Contains("'Name' is not active"));
        Assert.That(() => cursor.GetGetter<double>(view.Schema["Value"]), Throws.InvalidOperationException.With.Message.Contains("a getter of Double"));
        Assert.That(() => cursor.GetGetter<double>(view.Schema["Doubled"]), Throws.InvalidOperationException.With.Message.Contains("a getter of Double"));
    }
}
