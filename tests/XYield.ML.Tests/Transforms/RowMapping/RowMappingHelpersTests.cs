using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms.RowMapping;

namespace XYield.ML.Tests.Transforms.RowMapping;

[TestFixture]
public sealed class RowMappingHelpersTests
{
    private sealed class Row
    {
        public float X { get; set; }
    }

    private sealed class Counter
    {
        public int Computations { get; set; }

        public float Last { get; set; }
    }

    [Test]
    public void Row_cache_computes_once_per_position_and_again_after_a_failure()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { X = 1 }, new Row { X = 2 } });
        using var cursor = data.GetRowCursor(data.Schema);
        var x = cursor.GetGetter<float>(data.Schema["X"]);
        var fail = true;
        var cache = new RowCache<Counter>(cursor, new Counter(), state =>
        {
            float value = 0;
            x(ref value);
            state.Computations++;
            if (value == 2 && fail)
            {
                throw new InvalidDataException("row 1 is bad");
            }

            state.Last = value;
        });

        cursor.MoveNext();
        Assert.That((cache.Get().Last, cache.Get().Last, cache.Get().Computations), Is.EqualTo((1f, 1f, 1)));
        cursor.MoveNext();
        Assert.Throws<InvalidDataException>(() => cache.Get());
        fail = false;
        Assert.That(cache.Get().Last, Is.EqualTo(2f));
        Assert.That(cache.Get().Computations, Is.EqualTo(3));
    }

    [Test]
    public void Vector_output_reuses_a_large_enough_buffer()
    {
        var destination = new VBuffer<float>(4, [9f, 9f, 9f, 9f]);
        var before = destination.GetValues().ToArray();

        VectorOutput.WriteDense(ref destination, [1f, 2f, 3f]);
        var values = destination.GetValues();

        Assert.That(destination.Length, Is.EqualTo(3));
        Assert.That(destination.IsDense, Is.True);
        Assert.That(values.ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f }));
        Assert.That(before, Has.Length.EqualTo(4));

        // Writing the same length again must not allocate a new array.
        VectorOutput.WriteDense(ref destination, [4f, 5f, 6f]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        VectorOutput.WriteDense(ref destination, [7f, 8f, 9f]);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.Zero);
        Assert.That(destination.DenseValues(), Is.EqualTo(new[] { 7f, 8f, 9f }));
    }
}
