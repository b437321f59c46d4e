using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Physics;
using XYield.ML.Tests.Workout;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Tests.Estimators;

/// <summary>The recommended method: CNN and forest averaged, the Maresca–Curtin feature computed inside, a CV-calibrated spread.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TransferAndForestTrainerTests
{
    private static PretrainedNetwork? _pretrained;

    private static PretrainedNetwork Pretrained
    {
        get
        {
            if (_pretrained is null)
            {
                var ml = new MLContext(seed: 0);
                _pretrained = ml.Regression.Trainers.PretrainYieldCnn(Images(ml, SyntheticAlloys.View(ml, 200, 2)), new YieldCnnTrainerOptions
                {
                    LabelColumnName = "YieldStrength",
                    Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
                    Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32, LearningRate = 1e-3 },
                    Device = "cpu",
                    Seed = 3,
                });
            }

            return _pretrained;
        }
    }

    [OneTimeTearDown]
    public void ReleasePretrained() => _pretrained?.Dispose();

    private static IDataView Images(MLContext ml, IDataView alloys) => ml.Transforms.FeaturizeAlloy().Fit(alloys).Transform(alloys);

    private static YieldCnnTrainerOptions Cnn(int members = 1) => new()
    {
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 3, BatchSize = 8, LearningRate = 1e-2 },
        EnsembleSize = members,
        Device = "cpu",
        Seed = 3,
    };

    private static TransferAndForestTrainerOptions Options(int members = 1, SpreadCalibrationOptions? calibration = null) => new()
    {
        LabelColumnName = "YieldStrength",
        Cnn = Cnn(members),
        Forest = new ForestOptions { Trees = 20 },
        SpreadCalibration = calibration ?? new SpreadCalibrationOptions { Folds = 3 },
    };

    // Row i gets an offset by formula, so the forest and the CNN have something to learn and disagree about.
    private static IDataView Train(MLContext ml) => SyntheticAlloys.View(ml, 30, 1, i => 0.1f * (i % SyntheticAlloys.Formulas.Length));

    [Test]
    public void Score_is_the_mean_of_the_fine_tuned_cnn_and_the_forest_on_fractions_temperature_and_the_Maresca_Curtin_estimate()
    {
        var ml = new MLContext(seed: 0);
        var train = Images(ml, Train(ml));
        using var model = ml.Regression.Trainers.YieldTransferAndForest(Pretrained, Options()).Fit(train);
        var scored = model.Transform(train);
        float[] Column(string name) => scored.GetColumn<float>(name).ToArray();
        var (score, transfer, forest, physics) = (Column("Score"), Column("TransferScore"), Column("ForestScore"), Column("MarescaCurtin"));

        // The CNN half is exactly pretrain-and-transfer with the same settings and seed.
        var cnn = Cnn();
        cnn.LabelColumnName = "YieldStrength";
        using var plain = ml.Regression.Trainers.YieldCnnTransfer(Pretrained, cnn).Fit(train);
        Assert.That(transfer, Is.EqualTo(plain.Transform(train).GetColumn<float>("Score").ToArray()));

        // The forest half is ML.NET's FastForest on [fractions, T, σ_MC] with the same settings and seed.
        var fractions = train.GetColumn<float[]>("Fractions").ToArray();
        var kelvin = train.GetColumn<float>("Temperature").ToArray();
        var labels = train.GetColumn<float>("YieldStrength").ToArray();
        var mc = new MarescaCurtinModel();
        var expectedPhysics = fractions.Select((f, i) => (float)(mc.YieldStrength(f.Select(v => (double)v).ToArray(), kelvin[i]) / 1000)).ToArray();
        Assert.That(physics, Is.EqualTo(expectedPhysics));
        Assert.That(forest, Is.EqualTo(ForestByHand(ml, train, train)));

        for (var i = 0; i < score.Length; i++)
        {
            Assert.That(score[i], Is.EqualTo((transfer[i] + forest[i]) / 2).Within(1e-6), $"row {i}");
        }

        Assert.That(transfer.Zip(forest).Max(p => Math.Abs(p.First - p.Second)), Is.GreaterThan(1e-3), "the halves differ, so the test can tell them apart");
    }

    [Test]
    public void ScoreStdDev_grows_with_the_halves_disagreement_as_fitted_to_errors_on_held_alloys()
    {
        var ml = new MLContext(seed: 0);
        var train = Images(ml, Train(ml));
        using var model = ml.Regression.Trainers.YieldTransferAndForest(Pretrained, Options()).Fit(train);
        var calibration = model.SpreadCalibration!;
        var scored = model.Transform(train);
        var transfer = scored.GetColumn<float>("TransferScore").ToArray();
        var forest = scored.GetColumn<float>("ForestScore").ToArray();
        var sd = scored.GetColumn<float>("ScoreStdDev").ToArray();

        Assert.That((model.SpreadFloor, model.SpreadScale), Is.EqualTo((calibration.Floor, calibration.Scale)));
        Assert.That(model.SpreadFloor, Is.GreaterThanOrEqualTo(1e-3));
        // The first fold's held-out errors, recomputed by hand: pretrain-and-transfer and the forest on the other rows only.
        var heldRows = calibration.ValidationRows[0];
        var restRows = Enumerable.Range(0, (int)train.GetRowCount()!).Except(heldRows).ToArray();
        var rows = ml.Data.CreateEnumerable<SyntheticAlloys.Row>(Train(ml), reuseRowObject: false).ToArray();
        var rest = Images(ml, ml.Data.LoadFromEnumerable(restRows.Select(r => rows[r])));
        var held = Images(ml, ml.Data.LoadFromEnumerable(heldRows.Select(r => rows[r])));
        var cnn = Cnn();
        cnn.LabelColumnName = "YieldStrength";
        using var foldCnn = ml.Regression.Trainers.YieldCnnTransfer(Pretrained, cnn).Fit(rest);
        var foldA = foldCnn.Transform(held).GetColumn<float>("Score").ToArray();
        var foldB = ForestByHand(ml, rest, held);
        var heldLabels = held.GetColumn<float>("YieldStrength").ToArray();
        for (var i = 0; i < heldRows.Count; i++)
        {
            Assert.That(calibration.Errors[heldRows[i]], Is.EqualTo(heldLabels[i] - ((foldA[i] + (double)foldB[i]) / 2)).Within(1e-5), $"held row {heldRows[i]}");
            Assert.That(calibration.RawSpreads[heldRows[i]], Is.EqualTo(Math.Abs(foldA[i] - foldB[i]) / 2).Within(1e-5), $"held row {heldRows[i]}");
        }
        for (var i = 0; i < sd.Length; i++)
        {
            var r = Math.Abs(transfer[i] - forest[i]) / 2;
            Assert.That(sd[i], Is.EqualTo(Math.Sqrt((model.SpreadFloor * model.SpreadFloor) + Math.Pow(model.SpreadScale * r, 2))).Within(1e-5), $"row {i}");
        }

        // The held-out errors are those of models that never saw the row's alloy: three folds over six alloys, an alloy's
        // rows held out together, and every row once.
        var formulas = train.GetColumn<string>("Formula").ToArray();
        var labels = train.GetColumn<float>("YieldStrength").ToArray();
        Assert.That(calibration.Errors.Select(e => e * e).Average(), Is.GreaterThan(scored.GetColumn<float>("Score").Select((p, i) => Math.Pow(labels[i] - p, 2)).Average()),
            "held-out errors are larger than the fit's own");
        Assert.That(calibration.ValidationRows, Has.Count.EqualTo(3));
        Assert.That(calibration.ValidationRows.SelectMany(r => r).Order(), Is.EqualTo(Enumerable.Range(0, formulas.Length)));
        foreach (var fold in calibration.ValidationRows)
        {
            var alloys = fold.Select(r => formulas[r]).ToHashSet();
            Assert.That(Enumerable.Range(0, formulas.Length).Where(r => alloys.Contains(formulas[r])), Is.EquivalentTo(fold));
        }
    }

    [Test]
    public void An_ensemble_adds_its_spread_and_no_calibration_leaves_the_scale_at_one()
    {
        var ml = new MLContext(seed: 0);
        var train = Images(ml, Train(ml));
        var options = Options(members: 2);
        options.SpreadCalibration = null;
        using var model = ml.Regression.Trainers.YieldTransferAndForest(Pretrained, options).Fit(train);
        var scored = model.Transform(train);
        var transfer = scored.GetColumn<float>("TransferScore").ToArray();
        var forest = scored.GetColumn<float>("ForestScore").ToArray();
        var sd = scored.GetColumn<float>("ScoreStdDev").ToArray();
        var members = model.Transfer.Transform(train).GetColumn<float>("ScoreStdDev").ToArray();

        Assert.That((model.SpreadScale, model.SpreadCalibration), Is.EqualTo((1.0, (TransferAndForestCalibration?)null)));
        for (var i = 0; i < sd.Length; i++)
        {
            var half = (transfer[i] - forest[i]) / 2;
            Assert.That(sd[i], Is.EqualTo(Math.Sqrt(1e-6 + (members[i] * members[i]) + (half * half))).Within(1e-5), $"row {i}");
        }
    }

    [Test]
    public void A_saved_pipeline_predicts_identically_in_a_fresh_process_and_in_a_prediction_engine_from_formula_and_temperature()
    {
        var ml = new MLContext(seed: 0);
        var train = Train(ml);
        var pipeline = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldTransferAndForest(Pretrained, Options()));
        using var model = pipeline.Fit(train);
        var unseen = ml.Data.LoadFromEnumerable(new[]
        {
            new Alloy { Formula = "MoNbTaVW", Temperature = 1273.15f },
            new Alloy { Formula = "Nb25Ta25Ti25Zr25", Temperature = 300 },
        });

        FreshProcessModel.AssertSameOutput(ml, model, unseen);

        using var stream = new MemoryStream();
        ml.Model.Save(model, unseen.Schema, stream);
        var path = Path.Combine(Path.GetTempPath(), $"xyield-tf-{Guid.NewGuid():N}.zip");
        try
        {
            File.WriteAllBytes(path, stream.ToArray());
            var loaded = ml.Model.LoadYieldModel(path, out _);
            using (loaded as IDisposable)
            {
                var engine = ml.Model.CreatePredictionEngine<Alloy, Prediction>(loaded);
                var batch = loaded.Transform(unseen);
                var scores = batch.GetColumn<float>("Score").ToArray();
                var sds = batch.GetColumn<float>("ScoreStdDev").ToArray();
                var first = engine.Predict(new Alloy { Formula = "MoNbTaVW", Temperature = 1273.15f });
                Assert.That((first.Score, first.ScoreStdDev), Is.EqualTo((scores[0], sds[0])));
                Assert.That(first.ScoreStdDev, Is.GreaterThan(0));
                Assert.That(first.Score, Is.EqualTo((first.TransferScore + first.ForestScore) / 2).Within(1e-6));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Folds_hold_whole_alloys_however_they_are_written_and_explicit_groups_take_precedence()
    {
        var ml = new MLContext(seed: 0);
        // MoNbTaW written two ways (rows 0, 12, 24 and rows 6, 18): one alloy, so one group.
        var rows = SyntheticAlloys.Rows(30, 1).Select((r, i) => r.Formula == "MoNbTaW" && i % 12 == 0 ? new SyntheticAlloys.Row { Formula = "Mo25Nb25Ta25W25", Temperature = r.Temperature, YieldStrength = r.YieldStrength } : r).ToArray();
        var train = Images(ml, ml.Data.LoadFromEnumerable(rows));
        var options = Options(calibration: new SpreadCalibrationOptions { Folds = 3 });
        options.Cnn.FineTuning = options.Cnn.FineTuning with { MaxEpoch = 1 };
        using (var model = ml.Regression.Trainers.YieldTransferAndForest(Pretrained, options).Fit(train))
        {
            var sameAlloy = Enumerable.Range(0, rows.Length).Where(i => rows[i].Formula is "MoNbTaW" or "Mo25Nb25Ta25W25").ToHashSet();
            Assert.That(sameAlloy, Has.Count.EqualTo(5));
            Assert.That(model.SpreadCalibration!.ValidationRows.Count(f => f.Any(sameAlloy.Contains)), Is.EqualTo(1), "both spellings in one fold");
        }

        var byParity = Enumerable.Range(0, rows.Length).Select(i => i % 2 == 0 ? "even" : "odd").ToArray();
        options.SpreadCalibration = new SpreadCalibrationOptions { Folds = 2, Groups = byParity };
        options.GroupColumnName = "Formula";
        using var grouped = ml.Regression.Trainers.YieldTransferAndForest(Pretrained, options).Fit(train);
        Assert.That(grouped.SpreadCalibration!.ValidationRows.Select(f => f.Select(r => r % 2).Distinct().Single()).Order(), Is.EqualTo(new[] { 0, 1 }), "the given groups, not the column");
    }

    [Test]
    public void Options_that_cannot_work_are_refused_with_the_option_named()
    {
        var ml = new MLContext(seed: 0);
        var calibrated = Options();
        calibrated.Cnn.EnsembleSize = 2;
        calibrated.Cnn.SpreadCalibration = new SpreadCalibrationOptions();
        Assert.That(() => ml.Regression.Trainers.YieldTransferAndForest(Pretrained, calibrated),
            Throws.ArgumentException.With.Message.Contains("Options.Cnn must not set SpreadCalibration"));
        var noTrees = Options();
        noTrees.Forest = new ForestOptions { Trees = 0 };
        Assert.That(() => ml.Regression.Trainers.YieldTransferAndForest(Pretrained, noTrees),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Forest.Trees must be at least 1"));
        var noGroups = Options();
        noGroups.GroupColumnName = "Alloy";
        var before = noGroups.Cnn.Method;
        _ = ml.Regression.Trainers.YieldTransferAndForest(Pretrained, noGroups);
        Assert.That((noGroups.Cnn.Method, noGroups.Cnn.Pretrained), Is.EqualTo((before, (PretrainedNetwork?)null)), "the caller's options are not changed");
        var train = Images(ml, Train(ml));
        Assert.That(() => ml.Regression.Trainers.YieldTransferAndForest(Pretrained, noGroups).Fit(train),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("'Alloy' must name a text column").And.Message.Contains("missing"));
        Assert.That(() => ml.Regression.Trainers.YieldTransferAndForest(Pretrained, Options(calibration: new SpreadCalibrationOptions { Folds = 7 })).Fit(train),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Folds must be between 2 and 6"));
    }

    [Test]
    public void Missing_columns_are_named_at_every_entry_point()
    {
        var ml = new MLContext(seed: 0);
        var train = Images(ml, Train(ml));
        var withoutFractions = ml.Transforms.DropColumns("Fractions").Fit(train).Transform(train);
        var estimator = ml.Regression.Trainers.YieldTransferAndForest(Pretrained, Options(calibration: new SpreadCalibrationOptions { Folds = 2 }));
        var (model, _) = EstimatorWorkout.Run(estimator, train, withoutFractions, "'Fractions'", "palette fractions");
        model.Dispose();
    }

    // ML.NET's FastForest on [fractions, T, σ_MC] with the trainer's settings (20 trees here) and seed, scored on another view.
    private static float[] ForestByHand(MLContext ml, IDataView train, IDataView test)
    {
        var mc = new MarescaCurtinModel();
        HandRow[] Rows(IDataView view)
        {
            var fractions = view.GetColumn<float[]>("Fractions").ToArray();
            var kelvin = view.GetColumn<float>("Temperature").ToArray();
            var labels = view.GetColumn<float>("YieldStrength").ToArray();
            return fractions.Select((f, i) => new HandRow
            {
                Features = [.. f, kelvin[i], (float)(mc.YieldStrength(f.Select(v => (double)v).ToArray(), kelvin[i]) / 1000)],
                Label = labels[i],
            }).ToArray();
        }

        var hand = new MLContext(3);
        var forest = hand.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            FeatureColumnName = "Features", NumberOfTrees = 20, NumberOfLeaves = 64, MinimumExampleCountPerLeaf = 1, FeatureFraction = 1, NumberOfThreads = 1, Seed = 3,
        }).Fit(hand.Data.LoadFromEnumerable(Rows(train)));
        return forest.Transform(hand.Data.LoadFromEnumerable(Rows(test))).GetColumn<float>("Score").ToArray();
    }

    public sealed class HandRow
    {
        [VectorType(13)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    public sealed class Alloy
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }

    public sealed class Prediction
    {
        public float Score { get; set; }

        public float ScoreStdDev { get; set; }

        public float TransferScore { get; set; }

        public float ForestScore { get; set; }
    }
}
