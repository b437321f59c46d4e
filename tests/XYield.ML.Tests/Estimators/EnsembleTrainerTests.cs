using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Tests.Workout;
using XYield.ML.Training;

namespace XYield.ML.Tests.Estimators;

/// <summary><see cref="YieldCnnTrainerOptions.EnsembleSize"/>: K members from one pre-trained network, Score = their mean, ScoreStdDev = their spread.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EnsembleTrainerTests
{
    private static IDataView Alloys(MLContext ml, int count, int seed) => SyntheticAlloys.View(ml, count, seed);

    private static YieldCnnTrainerOptions Small(IDataView sourceImages, int members, EnsembleResampling resampling = EnsembleResampling.Seeds) => new()
    {
        Method = YieldCnnMethod.PretrainAndTransfer,
        SourceData = sourceImages,
        LabelColumnName = "YieldStrength",
        Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 3, BatchSize = 8, LearningRate = 1e-2 },
        Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32, LearningRate = 1e-3 },
        EnsembleSize = members,
        EnsembleResampling = resampling,
        Device = "cpu",
        Seed = 3,
    };

    private static IDataView Images(MLContext ml, IDataView alloys) => ml.Transforms.FeaturizeAlloy().Fit(alloys).Transform(alloys);

    [TestCase(EnsembleResampling.Seeds)]
    [TestCase(EnsembleResampling.Bootstrap)]
    public void Score_is_the_members_mean_and_ScoreStdDev_their_sample_deviation(EnsembleResampling resampling)
    {
        var ml = new MLContext(seed: 0);
        var train = Alloys(ml, 24, 1);
        var pipeline = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(Small(Images(ml, Alloys(ml, 200, 2)), members: 3, resampling)));
        using var model = pipeline.Fit(train);
        var cnn = model.LastTransformer;

        var scored = model.Transform(train);
        var score = scored.GetColumn<float>("Score").ToArray();
        var deviation = scored.GetColumn<float>(YieldCnnPredictionTransformer.StandardDeviationColumnName).ToArray();
        var images = Images(ml, train).GetColumn<float[]>("Image").SelectMany(i => i).ToArray();
        var members = cnn.Members.Select(m => m.Predict(images)).ToArray();

        Assert.That(cnn.Members, Has.Count.EqualTo(3));
        for (var row = 0; row < score.Length; row++)
        {
            var values = members.Select(m => (double)m[row]).ToArray();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 2);
            Assert.That(score[row], Is.EqualTo(mean).Within(1e-6), $"row {row}");
            Assert.That(deviation[row], Is.EqualTo(sd).Within(1e-6), $"row {row}");
        }

        Assert.That(deviation.Max(), Is.GreaterThan(0), "the members differ");
        DataViewAssert.SameValues(scored, EstimatorWorkout.SaveAndLoad(ml, model, train.Schema).Transform(train));
    }

    [Test]
    public void Members_share_one_pre_training_and_member_one_is_the_single_model()
    {
        var ml = new MLContext(seed: 0);
        var train = Images(ml, Alloys(ml, 24, 1));
        var pretrainingReports = 0;
        var options = Small(Images(ml, Alloys(ml, 200, 2)), members: 2);
        options.Progress = new Progress(p => pretrainingReports += p.Stage == "pretraining" && p.Step == p.StepsPerEpoch ? 1 : 0);
        using var ensemble = ml.Regression.Trainers.YieldCnn(options).Fit(train);
        using var single = ml.Regression.Trainers.YieldCnn(Small(Images(ml, Alloys(ml, 200, 2)), members: 1)).Fit(train);

        Assert.That(pretrainingReports, Is.EqualTo(1), "one pre-training epoch, once");
        var images = train.GetColumn<float[]>("Image").SelectMany(i => i).ToArray();
        Assert.That(ensemble.Members[0].Predict(images), Is.EqualTo(single.Model.Predict(images)), "member 1 has the trainer's seed");
        Assert.That(ensemble.Members[1].Predict(images), Is.Not.EqualTo(single.Model.Predict(images)));
        Assert.That(single.Transform(train).Schema.GetColumnOrNull(YieldCnnPredictionTransformer.StandardDeviationColumnName), Is.Null, "one network has no spread");
    }

    [Test]
    public void A_saved_ensemble_predicts_identically_in_a_fresh_process_from_formula_and_temperature()
    {
        var ml = new MLContext(seed: 0);
        var train = Alloys(ml, 24, 1);
        using var model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(Small(Images(ml, Alloys(ml, 200, 2)), members: 2))).Fit(train);

        FreshProcessModel.AssertSameOutput(ml, model, train);
    }

    [Test]
    public void Classification_ensembles_average_the_probabilities_and_bad_sizes_are_refused()
    {
        var ml = new MLContext(seed: 0);
        IDataView Labelled(IDataView images) => ml.Transforms.BinYieldStrength("Label", "YieldStrength").Fit(images).Transform(images);
        var train = Labelled(Images(ml, Alloys(ml, 24, 1)));
        var options = Small(Labelled(Images(ml, Alloys(ml, 100, 2))), members: 2);
        options.LabelColumnName = "Label";
        using var model = ml.MulticlassClassification.Trainers.YieldCnn(options).Fit(train);

        var probabilities = model.Transform(train).GetColumn<float[]>("Score").ToArray();
        var images = train.GetColumn<float[]>("Image").SelectMany(i => i).ToArray();
        var first = model.Members[0].Predict(images);
        var second = model.Members[1].Predict(images);
        Assert.That(probabilities.SelectMany(p => p), Is.EqualTo(first.Zip(second, (a, b) => (a + b) / 2)).Within(1e-6));
        Assert.That(model.Transform(train).Schema.GetColumnOrNull(YieldCnnPredictionTransformer.StandardDeviationColumnName), Is.Null);

        var bad = Small(train, members: 0);
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.YieldCnn(bad))!.Message, Does.Contain("EnsembleSize must be between 1 and 64"));
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
