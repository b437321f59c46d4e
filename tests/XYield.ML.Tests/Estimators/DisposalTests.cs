using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Storage;
using static XYield.ML.Tests.Estimators.ScoringFixture;

namespace XYield.ML.Tests.Estimators;

/// <summary>Every owner of native memory refuses use after Dispose with <see cref="ObjectDisposedException"/>, and disposes idempotently.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DisposalTests
{
    private readonly MLContext _ml = new(seed: 0);

    [Test]
    public void A_disposed_transformer_refuses_to_transform_predict_or_save()
    {
        var images = _ml.Data.Cache(Images(_ml, Alloys(10)));
        var transformer = Transformer(YieldTask.Regression);
        var view = transformer.Transform(images);
        var engine = _ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer);
        var image = images.GetColumn<float[]>("Image").First();

        transformer.Dispose();
        transformer.Dispose();

        Assert.That(() => transformer.Transform(images), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => transformer.GetOutputSchema(images.Schema), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => transformer.GetRowToRowMapper(images.Schema), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => _ml.Model.CreatePredictionEngine<ImageRow, RegressionScore>(transformer), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => transformer.Sparsity, Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => view.GetColumn<float>("Score").ToArray(), Throws.TypeOf<ObjectDisposedException>(), "a view made before");
        Assert.That(() => engine.Predict(new ImageRow { Image = image }), Throws.TypeOf<ObjectDisposedException>(), "an engine made before");
        Assert.That(() => _ml.Model.Save(transformer, images.Schema, new MemoryStream()), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void Saving_a_chain_holding_a_disposed_transformer_throws_and_an_atomic_save_leaves_no_file()
    {
        var data = _ml.Data.LoadFromEnumerable(Alloys(4));
        var featurizers = _ml.Transforms.FeaturizeComposition().Append(_ml.Transforms.FeaturizePseudoImage()).Fit(data);
        var cnn = Transformer(YieldTask.Regression);
        var chain = featurizers.Append(cnn);
        cnn.Dispose();
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"disposed-{Guid.NewGuid():N}.zip");

        Assert.That(() => _ml.Model.Save(chain, data.Schema, new MemoryStream()), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => AtomicFile.Write(path, (Stream stream) => _ml.Model.Save(chain, data.Schema, stream)), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(File.Exists(path), Is.False);
        Assert.That(Directory.GetFiles(TestContext.CurrentContext.WorkDirectory, "disposed-*"), Is.Empty, "no temporary file left either");
    }

    [Test]
    public void A_disposed_model_and_pretrained_network_refuse_every_use()
    {
        var model = Transformer(YieldTask.Classification).Model;
        var pretrained = new PretrainedNetwork(new YieldCnn(new YieldCnnOptions()));
        var images = new float[ImageShape.PeriodicTable.Size];

        model.Dispose();
        model.Dispose();
        pretrained.Dispose();
        pretrained.Dispose();

        Assert.That(() => model.Predict(images), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => model.PredictClasses(images), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => model.Save(new MemoryStream()), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => model.Sparsity, Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => pretrained.Predict(images), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => pretrained.Save(new MemoryStream()), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => pretrained.Sparsity, Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => pretrained.CloneNetwork(), Throws.TypeOf<ObjectDisposedException>());
    }
}
