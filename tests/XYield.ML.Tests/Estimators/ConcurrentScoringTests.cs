using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Models;
using static XYield.ML.Tests.Estimators.ScoringFixture;

namespace XYield.ML.Tests.Estimators;

/// <summary>
/// The thread-safe ways to score with one transformer: an engine per thread, Transform per thread, and the model's own
/// Predict, four threads at once, each giving the single-threaded scores bit for bit.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConcurrentScoringTests
{
    private const int Threads = 4;
    private readonly MLContext _ml = new(seed: 0);

    // Engines that share one transformer must not own it: ML.NET's default engine disposes its transformer with itself.
    private static readonly PredictionEngineOptions Shared = new() { OwnsTransformer = false };

    /// <summary>Runs <paramref name="work"/> on <see cref="Threads"/> threads released together; rethrows the first failure.</summary>
    private static T[] OnThreads<T>(Func<int, T> work)
    {
        using var start = new Barrier(Threads);
        var results = new T[Threads];
        var failures = new Exception?[Threads];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                results[t] = work(t);
            }
            catch (Exception e)
            {
                failures[t] = e;
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw new AggregateException(failure);
        }

        return results;
    }

    [Test]
    public void One_prediction_engine_per_thread_made_concurrently_gives_the_single_threaded_scores()
    {
        var images = Images(_ml, Alloys(120)).GetColumn<float[]>("Image").ToArray();
        using var transformer = Transformer(YieldTask.Regression);
        using var single = _ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer, Shared);
        var expected = Bits(images.Select(i => single.Predict(new ImageRow { Image = i }).Score));

        var perThread = OnThreads(t =>
        {
            using var engine = _ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer, Shared);
            // Each thread walks the rows from another starting point, so the threads score different rows at the same time.
            var scores = new float[images.Length];
            for (var k = 0; k < images.Length; k++)
            {
                var row = (k + (t * 31)) % images.Length;
                scores[row] = engine.Predict(new ImageRow { Image = images[row] }).Score;
            }

            return Bits(scores);
        });

        Assert.That(perThread, Is.All.EqualTo(expected));
    }

    [Test]
    public void An_engine_made_with_default_options_disposes_its_transformer_with_itself()
    {
        // ML.NET's behaviour, which docs/persistence.md warns about: it is why shared transformers need OwnsTransformer = false.
        using var transformer = Transformer(YieldTask.Regression);
        _ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer, Shared).Dispose();
        Assert.That(transformer.Model.IsDisposed, Is.False);

        _ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer).Dispose();
        Assert.That(transformer.Model.IsDisposed, Is.True);
    }

    [Test]
    public void Transform_and_the_models_Predict_on_four_threads_give_the_single_threaded_scores()
    {
        var images = _ml.Data.Cache(Images(_ml, Alloys(900, seed: 3)));
        using var transformer = Transformer(YieldTask.Classification, seed: 2);
        transformer.ScoringBatchSize = 100;
        var expected = Bits(transformer.Transform(images).GetColumn<float[]>("Score").SelectMany(s => s));
        var flat = images.GetColumn<float[]>("Image").SelectMany(i => i).ToArray();

        var viaTransform = OnThreads(_ => Bits(transformer.Transform(images).GetColumn<float[]>("Score").SelectMany(s => s)));
        var viaPredict = OnThreads(t => Bits(transformer.Model.Predict(flat, batchSize: 50 + t)));

        Assert.That(viaTransform, Is.All.EqualTo(expected));
        Assert.That(viaPredict, Is.All.EqualTo(expected));
        Assert.That(transformer.Model.Network.training, Is.False, "prediction never leaves eval mode");
    }
}
