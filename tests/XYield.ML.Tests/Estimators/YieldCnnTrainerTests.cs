using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Tests.Workout;
using XYield.ML.Training;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Estimators;

[TestFixture]
[NonParallelizable]
public sealed class YieldCnnTrainerTests
{
    private sealed class AlloyRow
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }

    private sealed class ScorePrediction
    {
        public float Score { get; set; }
    }

    /// <summary>Small, fast settings: narrow network, a few epochs.</summary>
    private static YieldCnnTrainerOptions Small(YieldCnnMethod? method = null, int? seed = 1) => new()
    {
        Method = method ?? YieldCnnMethod.NoPretraining,
        LabelColumnName = "YieldStrength",
        Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 4, BatchSize = 8, LearningRate = 1e-2, StepSize = 30 },
        Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32, LearningRate = 1e-3 },
        Device = "cpu",
        Seed = seed,
    };

    private static AlloyRow[] Alloys(int count, int seed)
    {
        var random = new Random(seed);
        string[] formulas = ["MoNbTaW", "HfNbTaTiZr", "MoNbTaTi", "CrMoNbV", "AlMoNbTaTiZr", "NbTaTiV", "MoNbTaTiW", "HfMoNbTaTiZr"];
        return Enumerable.Range(0, count).Select(i =>
        {
            var kelvin = 300 + (float)(random.NextDouble() * 1200);
            var formula = formulas[i % formulas.Length];
            return new AlloyRow { Formula = formula, Temperature = kelvin, YieldStrength = 1.5f - (kelvin / 2000f) + (0.05f * (formula.Length % 5)) };
        }).ToArray();
    }

    private static IDataView Images(MLContext ml, IEnumerable<AlloyRow> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.FeaturizeComposition().Append(ml.Transforms.FeaturizePseudoImage()).Fit(data).Transform(data);
    }

    [Test]
    public void Regression_fits_scores_and_round_trips_through_the_model_zip()
    {
        var ml = new MLContext(seed: 0);
        var train = Images(ml, Alloys(40, 1));

        using var model = ml.Regression.Trainers.YieldCnn(Small()).Fit(train);
        var scores = model.Transform(train).GetColumn<float>("Score").ToArray();

        Assert.That(scores, Has.Length.EqualTo(40));
        Assert.That(scores, Is.All.Not.NaN);
        var loaded = EstimatorWorkout.SaveAndLoad(ml, model, train.Schema);
        Assert.That(loaded.Transform(train).GetColumn<float>("Score"), Is.EqualTo(scores), "identical after Model.Save/Load");
        ((IDisposable)loaded).Dispose();
    }

    [Test]
    public void Same_seed_same_predictions_and_the_context_seed_is_used()
    {
        var data = Images(new MLContext(seed: 0), Alloys(24, 2));

        float[] Fit(int contextSeed, int? optionSeed)
        {
            var ml = new MLContext(contextSeed);
            using var model = ml.Regression.Trainers.YieldCnn(Small(seed: optionSeed)).Fit(data);
            return model.Transform(data).GetColumn<float>("Score").ToArray();
        }

        var first = Fit(5, null);
        Assert.That(Fit(5, null), Is.EqualTo(first), "the MLContext's seed makes the fit repeatable");
        Assert.That(Fit(5, null), Is.Not.EqualTo(Fit(6, null)), "another context seed, another model");
        Assert.That(Fit(5, 9), Is.EqualTo(Fit(6, 9)), "an explicit option seed wins over the context's");
    }

    [Test]
    public void Fit_logs_to_the_MLContext_log()
    {
        var ml = new MLContext(seed: 3);
        var lines = new List<string>();
        ml.Log += (_, e) => lines.Add(e.Message);
        var options = Small(seed: null);

        using var model = ml.Regression.Trainers.YieldCnn(options).Fit(Images(ml, Alloys(8, 10)));

        Assert.That(lines, Has.Some.Contains("YieldCnn: No Pretraining (CNN), Regression, 8 target rows, seed 3"));
        Assert.That(options.Seed, Is.Null, "the caller's options are not changed");
    }

    [Test]
    public void PredictionEngine_works_on_formula_and_temperature()
    {
        var ml = new MLContext(seed: 0);
        var rows = Alloys(24, 3);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.FeaturizeComposition().Append(ml.Transforms.FeaturizePseudoImage()).Append(ml.Regression.Trainers.YieldCnn(Small()));
        var model = pipeline.Fit(data);

        var engine = ml.Model.CreatePredictionEngine<AlloyRow, ScorePrediction>(model);
        var viaEngine = engine.Predict(rows[0]).Score;

        Assert.That(viaEngine, Is.EqualTo(model.Transform(data).GetColumn<float>("Score").First()));
    }

    [Test]
    public void A_skipping_featurizer_drops_unreadable_rows_before_the_trainer()
    {
        var ml = new MLContext(seed: 0);
        var rows = Alloys(20, 11);
        rows[2].Formula = "MoNbCo"; // Co is outside the palette
        rows[7].Formula = "Mo?";
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.FeaturizeComposition(new CompositionFeaturizingEstimator.Options { InvalidRows = InvalidRowHandling.Skip })
            .Append(ml.Transforms.FeaturizePseudoImage())
            .Append(ml.Regression.Trainers.YieldCnn(Small()));

        var model = pipeline.Fit(data); // The chain calls Transform through ITransformer: NaN images would fail the fit.
        using var cnn = model.LastTransformer;
        var scores = model.Transform(data).GetColumn<float>("Score").ToArray();

        Assert.That(scores, Has.Length.EqualTo(18));
        Assert.That(scores, Is.All.Not.NaN);
    }

    [Test]
    public void Classification_gives_probabilities_and_a_named_predicted_label()
    {
        var ml = new MLContext(seed: 0);
        var images = Images(ml, Alloys(30, 4));
        var labelled = ml.Transforms.BinYieldStrength("Label", "YieldStrength").Fit(images).Transform(images);
        var options = Small();
        options.LabelColumnName = "Label";

        using var model = ml.MulticlassClassification.Trainers.YieldCnn(options).Fit(labelled);
        var scored = model.Transform(labelled);

        Assert.That(scored.Schema["Score"].Type, Is.EqualTo(new VectorDataViewType(NumberDataViewType.Single, 5)));
        Assert.That(scored.GetColumn<float[]>("Score").Select(p => p.Sum()), Is.All.EqualTo(1f).Within(1e-5));
        Assert.That(scored.GetColumn<uint>("PredictedLabel"), Is.All.InRange(1u, 5u));
        Assert.That(model.ClassLabels[0], Is.EqualTo("[0, 0.5) GPa"));
        var loaded = EstimatorWorkout.SaveAndLoad(ml, model, labelled.Schema);
        Assert.That(loaded.Transform(labelled).GetColumn<uint>("PredictedLabel"), Is.EqualTo(scored.GetColumn<uint>("PredictedLabel")));
    }

    [Test]
    public void Pretrained_network_is_reused_by_transfer_fits()
    {
        var ml = new MLContext(seed: 0);
        var source = Images(ml, Alloys(64, 5));
        var target = Images(ml, Alloys(12, 6));

        using var pretrained = ml.Regression.Trainers.PretrainYieldCnn(source, Small());
        var options = Small(YieldCnnMethod.PretrainAndTransfer);
        options.Pretrained = pretrained;
        using var first = ml.Regression.Trainers.YieldCnn(options).Fit(target);
        using var second = ml.Regression.Trainers.YieldCnn(options).Fit(target);
        Assert.That(first.Transform(target).GetColumn<float>("Score"), Is.EqualTo(second.Transform(target).GetColumn<float>("Score")),
            "fine-tuning does not change the pre-trained network");
    }

    [Test]
    public void Bad_inputs_name_the_column_and_row()
    {
        var ml = new MLContext(seed: 0);
        var rows = Alloys(10, 7);
        rows[3].YieldStrength = float.NaN;
        var withNaN = Images(ml, rows);

        var e = Assert.Throws<InvalidDataException>(() => ml.Regression.Trainers.YieldCnn(Small()).Fit(withNaN));
        Assert.That(e!.Message, Does.Contain("'YieldStrength'").And.Contain("row 3"));

        var noLabel = Images(ml, Alloys(4, 8));
        var options = Small();
        options.LabelColumnName = "Missing";
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.YieldCnn(options).Fit(noLabel));
        Assert.That(missing!.Message, Does.Contain("'Missing' was not found"));

        var empty = ml.Data.FilterRowsByColumn(noLabel, "Temperature", lowerBound: 1e9);
        Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(Small()).Fit(empty));

        var wrongSize = ml.Data.LoadFromEnumerable(new[] { new { Image = new float[10], YieldStrength = 1f } });
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.YieldCnn(Small()).Fit(wrongSize));

        Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(Small(YieldCnnMethod.MixTraining)));
    }

    [Test]
    public void Cancelled_token_stops_the_fit()
    {
        var ml = new MLContext(seed: 0);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = Small();
        options.CancellationToken = cancelled.Token;

        Assert.Throws(Is.InstanceOf<OperationCanceledException>(), () => ml.Regression.Trainers.YieldCnn(options).Fit(Images(ml, Alloys(8, 9))));
    }
}
