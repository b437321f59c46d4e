using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Tests.Workout;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Tests.Estimators;

/// <summary><see cref="YieldCnnTrainerOptions.SpreadCalibration"/>: ScoreStdDev scaled by s = √(mean z²) from K-fold fold ensembles.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SpreadCalibrationTests
{
    private static SyntheticAlloys.Row[] Rows(int count, int seed) => SyntheticAlloys.Rows(count, seed, i => 0.2f * (i % 4));

    private static YieldCnnTrainerOptions Small(int members) => new()
    {
        Method = YieldCnnMethod.NoPretraining,
        LabelColumnName = "YieldStrength",
        Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 3, BatchSize = 4, LearningRate = 1e-2 },
        EnsembleSize = members,
        Device = "cpu",
        Seed = 3,
    };

    [Test]
    public void The_scale_is_the_root_mean_square_standardised_error()
    {
        var result = new SpreadCalibrationResult([1, -2, 0.5, 3], [[0, 1], [2, 3]]);

        Assert.That(result.Scale, Is.EqualTo(Math.Sqrt((1 + 4 + 0.25 + 9) / 4.0)).Within(1e-12));
        Assert.That(result.RawCoverage68, Is.EqualTo(0.5));
    }

    [Test]
    public void ScoreStdDev_is_the_scaled_member_spread_and_the_scale_comes_from_the_fold_ensembles()
    {
        var ml = new MLContext(seed: 0);
        var rows = Rows(18, 1);
        var train = ml.Data.LoadFromEnumerable(rows);
        var options = Small(3);
        options.SpreadCalibration = new SpreadCalibrationOptions { Folds = 3, Seed = 2 };

        using var model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(options)).Fit(train);
        var cnn = model.LastTransformer;
        var calibration = cnn.SpreadCalibration!;

        Assert.That(cnn.SpreadScale, Is.EqualTo(calibration.Scale));
        Assert.That(cnn.SpreadScale, Is.Not.EqualTo(1.0));
        var images = ml.Transforms.FeaturizeAlloy().Fit(train).Transform(train).GetColumn<float[]>("Image").SelectMany(i => i).ToArray();
        var members = cnn.Members.Select(m => m.Predict(images)).ToArray();
        var deviation = model.Transform(train).GetColumn<float>(YieldCnnPredictionTransformer.StandardDeviationColumnName).ToArray();
        for (var row = 0; row < rows.Length; row++)
        {
            var values = members.Select(m => (double)m[row]).ToArray();
            var mean = values.Average();
            Assert.That(deviation[row], Is.EqualTo(cnn.SpreadScale * Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 2)).Within(1e-5), $"row {row}");
        }

        // Fold 2's standardised errors: the same ensemble (seeds 3, 4, 5) trained on the other rows, scored on the held ones.
        var held = calibration.ValidationRows[1];
        var rest = ml.Data.LoadFromEnumerable(rows.Where((_, i) => !held.Contains(i)).ToArray());
        using var fold = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(Small(3))).Fit(rest);
        var heldView = fold.Transform(ml.Data.LoadFromEnumerable(held.Select(i => rows[i]).ToArray()));
        var score = heldView.GetColumn<float>("Score").ToArray();
        var spread = heldView.GetColumn<float>(YieldCnnPredictionTransformer.StandardDeviationColumnName).ToArray();
        for (var i = 0; i < held.Count; i++)
        {
            var z = (rows[held[i]].YieldStrength - score[i]) / Math.Max(spread[i], 1e-3);
            Assert.That(calibration.StandardizedErrors[held[i]], Is.EqualTo(z).Within(1e-3 * Math.Max(1, Math.Abs(z))), $"row {held[i]}");
        }

        // The scale is saved: a reloaded model gives the same ScoreStdDev.
        DataViewAssert.SameValues(model.Transform(train), EstimatorWorkout.SaveAndLoad(ml, model, train.Schema).Transform(train));
    }

    [Test]
    public void A_single_network_or_classification_is_refused()
    {
        var ml = new MLContext(seed: 0);
        var single = Small(1);
        single.SpreadCalibration = new SpreadCalibrationOptions();
        var classes = Small(3);
        classes.LabelColumnName = "Label";
        classes.SpreadCalibration = new SpreadCalibrationOptions();

        Assert.That(Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(single))!.Message, Does.Contain("needs EnsembleSize ≥ 2 and regression (got EnsembleSize 1, Regression)"));
        Assert.That(Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.YieldCnn(classes))!.Message, Does.Contain("got EnsembleSize 3, Classification"));
    }
}
