using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using XYield.ML.Estimators;
using XYield.ML.Models;
using static XYield.ML.Tests.Estimators.ScoringFixture;

namespace XYield.ML.Tests.Estimators;

/// <summary>
/// <c>Transform</c> scores a batch of rows per forward pass; the numbers must be those of row-by-row scoring
/// (<c>PredictionEngine</c>), bit for bit on Intel CPUs (within <see cref="ScoringFixture.AllowedDifference"/> elsewhere), whatever the
/// batch size, the order or the shape of the upstream data.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BatchedScoringTests
{
    private readonly MLContext _ml = new(seed: 0);

    private static float[] RowByRow(MLContext ml, ITransformer transformer, IDataView images)
    {
        var engine = ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer);
        return images.GetColumn<float[]>("Image").Select(image => engine.Predict(new ImageRow { Image = image }).Score).ToArray();
    }

    [Test]
    public void Regression_batches_equal_row_by_row_scores_bit_for_bit()
    {
        var images = _ml.Data.Cache(Images(_ml, Alloys(1500)));
        using var transformer = Transformer(YieldTask.Regression);
        var expected = Bits(RowByRow(_ml, transformer, images));

        foreach (var batchSize in new[] { YieldCnnPredictionTransformer.DefaultScoringBatchSize, 1024, 7, 64 })
        {
            transformer.ScoringBatchSize = batchSize;
            Assert.That(Bits(transformer.Transform(images).GetColumn<float>("Score")), SameScores(expected), $"batch size {batchSize}");
        }

        var flat = images.GetColumn<float[]>("Image").SelectMany(i => i).ToArray();
        Assert.That(Bits(transformer.Model.Predict(flat, batchSize: 1)), SameScores(expected), "the model's own batch API, one row per pass");
        Assert.That(Bits(transformer.Model.Predict(flat, batchSize: 1024)), SameScores(expected), "the model's own batch API, 1024 rows per pass");
    }

    [Test]
    public void Classification_batches_equal_row_by_row_probabilities_and_labels()
    {
        var images = _ml.Data.Cache(Images(_ml, Alloys(1100, seed: 2)));
        using var transformer = Transformer(YieldTask.Classification, seed: 3);
        var engine = _ml.Model.CreatePredictionEngine<ImageRow, ClassScore>(transformer);
        var expected = images.GetColumn<float[]>("Image").Select(image =>
        {
            var p = engine.Predict(new ImageRow { Image = image });
            return (Scores: Bits(p.Score), p.PredictedLabel);
        }).ToArray();

        var scored = transformer.Transform(images);
        var scores = scored.GetColumn<float[]>("Score").Select(Bits).ToArray();
        var labels = scored.GetColumn<uint>("PredictedLabel").ToArray();

        Assert.That(scores.SelectMany(r => r), SameScores(expected.SelectMany(e => e.Scores)));
        Assert.That(labels, Is.EqualTo(expected.Select(e => e.PredictedLabel)));
    }

    [Test]
    public void Shuffled_and_filtered_sources_without_a_row_count_score_each_row_as_alone()
    {
        var alloys = Alloys(700, seed: 4);
        var images = _ml.Data.Cache(Images(_ml, alloys));
        using var transformer = Transformer(YieldTask.Regression);
        var alone = RowByRow(_ml, transformer, images);
        transformer.ScoringBatchSize = 50;

        var filtered = _ml.Data.FilterRowsByColumn(_ml.Data.ShuffleRows(images, seed: 5), "Temperature", lowerBound: 600, upperBound: 1500);
        var scored = transformer.Transform(filtered);

        Assert.That(filtered.GetRowCount(), Is.Null);
        var ids = scored.GetColumn<int>("Id").ToArray();
        var scores = scored.GetColumn<float>("Score").ToArray();
        Assert.That(ids, Is.Not.Ordered, "shuffled");
        Assert.That(ids, Has.Length.EqualTo(alloys.Count(a => a.Temperature is >= 600 and < 1500)));
        Assert.That(Bits(scores), SameScores(Bits(ids.Select(id => alone[id]))));

        // A cursor shuffled by its own Random, as trainers ask for.
        var cursorOrder = new List<(int Id, float Score)>();
        using (var cursor = transformer.Transform(images).GetRowCursor(scored.Schema, new Random(6)))
        {
            var id = cursor.GetGetter<int>(scored.Schema["Id"]);
            var score = cursor.GetGetter<float>(scored.Schema["Score"]);
            var (i, s) = (0, 0f);
            while (cursor.MoveNext())
            {
                id(ref i);
                score(ref s);
                cursorOrder.Add((i, s));
            }
        }

        Assert.That(Bits(cursorOrder.Select(p => p.Score)), SameScores(Bits(cursorOrder.Select(p => alone[p.Id]))));
    }

    [Test]
    public void Each_cursor_of_a_set_scores_its_own_rows()
    {
        var images = _ml.Data.Cache(Images(_ml, Alloys(600, seed: 7)));
        using var transformer = Transformer(YieldTask.Regression);
        var alone = RowByRow(_ml, transformer, images);
        transformer.ScoringBatchSize = 64;
        var scored = transformer.Transform(images);
        var (idColumn, scoreColumn) = (scored.Schema["Id"], scored.Schema["Score"]);

        var pairs = scored.GetRowCursorSet([idColumn, scoreColumn], 2).AsParallel().SelectMany(cursor =>
        {
            using (cursor)
            {
                var id = cursor.GetGetter<int>(idColumn);
                var score = cursor.GetGetter<float>(scoreColumn);
                var read = new List<(int Id, float Score)>();
                var (i, s) = (0, 0f);
                while (cursor.MoveNext())
                {
                    id(ref i);
                    score(ref s);
                    read.Add((i, s));
                }

                return read;
            }
        }).ToList();

        Assert.That(pairs.Select(p => p.Id).Order(), Is.EqualTo(Enumerable.Range(0, 600)));
        Assert.That(Bits(pairs.Select(p => p.Score)), SameScores(Bits(pairs.Select(p => alone[p.Id]))));
    }

    [Test]
    public void A_bad_row_fails_alone_naming_itself()
    {
        // Row 3's image holds a NaN; row 5's formula is unreadable upstream. Every other row of their batch scores.
        var images = Images(_ml, Alloys(9)).GetColumn<float[]>("Image").ToArray();
        images[3][17] = float.NaN;
        var data = _ml.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = i }));
        using var transformer = Transformer(YieldTask.Regression);
        var engine = _ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer);

        var scored = transformer.Transform(data);
        using var cursor = scored.GetRowCursor([scored.Schema["Score"]]);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        var value = 0f;
        for (var row = 0; cursor.MoveNext(); row++)
        {
            if (row == 3)
            {
                Assert.That(() => score(ref value), Throws.TypeOf<InvalidDataException>()
                    .With.Message.EqualTo("YieldCnn: column 'Image' holds NaN at row 3 (0-based), slot 17; expected finite features."));
                Assert.That(() => engine.Predict(new ImageRow { Image = images[3] }), Throws.TypeOf<InvalidDataException>().With.Message.Contains("slot 17"));
            }
            else
            {
                score(ref value);
                Assert.That(Bits([value]), SameScores(Bits([engine.Predict(new ImageRow { Image = images[row] }).Score])), $"row {row}");
            }
        }

        var formulas = Alloys(8);
        formulas[5].Formula = "Mo?";
        var upstream = transformer.Transform(Images(_ml, formulas));
        using var upstreamCursor = upstream.GetRowCursor([upstream.Schema["Score"]]);
        var upstreamScore = upstreamCursor.GetGetter<float>(upstream.Schema["Score"]);
        for (var row = 0; upstreamCursor.MoveNext(); row++)
        {
            if (row == 5)
            {
                Assert.That(() => upstreamScore(ref value), Throws.TypeOf<InvalidDataException>().With.Message.Contains("FeaturizeComposition").And.Message.Contains("row 5"));
            }
            else
            {
                Assert.DoesNotThrow(() => upstreamScore(ref value), $"row {row}");
            }
        }
    }

    [Test]
    public void A_cursor_scores_lazily_and_holds_no_tensor_between_batches_or_after_disposal()
    {
        var images = _ml.Data.Cache(Images(_ml, Alloys(300)));
        using var transformer = Transformer(YieldTask.Regression);
        transformer.ScoringBatchSize = 128;
        var scored = transformer.Transform(images);
        var stats = DisposeScopeManager.Statistics;
        stats.Reset();

        var cursor = scored.GetRowCursor([scored.Schema["Score"]]);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        Assert.That(cursor.MoveNext(), Is.True);
        Assert.That(stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount, Is.Zero, "nothing is scored before a score is read");

        var value = 0f;
        for (var row = 0; row < 200 && cursor.MoveNext(); row++)
        {
            score(ref value); // Two batches scored, the cursor in the middle of the second.
        }

        Assert.That(stats.CreatedInScopeCount, Is.GreaterThan(0));
        Assert.That(stats.ThreadTotalLiveCount, Is.Zero, "every tensor of a batch is released before its scores are served");
        cursor.Dispose();
        Assert.That(stats.ThreadTotalLiveCount, Is.Zero, "after a disposal mid-way");
    }
}
