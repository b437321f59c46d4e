using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Tests.Estimators;

/// <summary>
/// <see cref="YieldCnnTrainerOptions.EpochSelection"/>: the fine-tuning epoch chosen by K-fold cross-validation on the
/// training data, the final model trained on all of it and stopped there.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class EpochSelectionTests
{
    private static readonly string[] Formulas = SyntheticAlloys.Formulas;

    private static IDataView Alloys(MLContext ml, int count, int seed) => SyntheticAlloys.View(ml, count, seed, i => 0.1f * (i % 3));

    private static IDataView Images(MLContext ml, IDataView alloys) => ml.Transforms.FeaturizeAlloy().Fit(alloys).Transform(alloys);

    // One quick dense pre-training on synthetic source alloys.
    private static PretrainedNetwork Pretrain(MLContext ml)
    {
        var pre = Small(YieldCnnMethod.PretrainAndTransfer);
        pre.Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32, LearningRate = 1e-3 };
        return ml.Regression.Trainers.PretrainYieldCnn(Images(ml, Alloys(ml, 120, 2)), pre);
    }

    private static YieldCnnTrainerOptions Small(YieldCnnMethod method, PretrainedNetwork? pretrained = null) => new()
    {
        Method = method,
        Pretrained = pretrained,
        LabelColumnName = "YieldStrength",
        Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 6, StepSize = 2, BatchSize = 4, LearningRate = 1e-2 },
        Device = "cpu",
        Seed = 3,
    };

    [Test]
    public void The_chosen_epoch_is_the_best_mean_fold_score_and_the_final_model_stops_there()
    {
        var ml = new MLContext(seed: 0);
        var train = Alloys(ml, 24, 1);
        var options = Small(YieldCnnMethod.NoPretraining);
        options.EpochSelection = new EpochSelectionOptions { Folds = 3, Seed = 1 };
        options.SearchGroupColumnName = "Formula";
        var logged = new List<string>();
        options.Log = logged.Add;

        using var model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(options)).Fit(train);
        var result = model.LastTransformer.EpochSelection!;

        Assert.That(result.FoldCurves, Has.Count.EqualTo(3).And.All.Count.EqualTo(6));
        Assert.That(result.FoldCurves.SelectMany(c => c), Has.All.GreaterThan(0), "MSE on held rows");
        for (var e = 0; e < 6; e++)
        {
            Assert.That(result.MeanCurve[e], Is.EqualTo(result.FoldCurves.Average(c => c[e])).Within(1e-12));
        }

        Assert.That(result.ChosenMean, Is.EqualTo(result.MeanCurve.Min()));
        Assert.That(result.ChosenEpoch, Is.EqualTo(result.MeanCurve.ToList().IndexOf(result.MeanCurve.Min()) + 1));
        Assert.That(result.FinalMean, Is.EqualTo(result.MeanCurve[5]));

        // Folds hold whole compositions and cover every row once.
        var formulas = train.GetColumn<string>("Formula").ToArray();
        Assert.That(result.ValidationRows.SelectMany(f => f).Order(), Is.EqualTo(Enumerable.Range(0, 24)));
        Assert.That(result.ValidationRows.SelectMany(f => f.Select(r => formulas[r]).Distinct()).Count(), Is.EqualTo(Formulas.Length));
        Assert.That(logged, Has.Some.Contains(FormattableString.Invariant($"CV epoch: chosen {result.ChosenEpoch}/6")));

        // The final model is the plain fit stopped at the chosen epoch.
        var stopped = Small(YieldCnnMethod.NoPretraining);
        stopped.FineTuning = stopped.FineTuning with { StopAfterEpoch = result.ChosenEpoch };
        using var reference = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(stopped)).Fit(train);
        Assert.That(model.Transform(train).GetColumn<float>("Score"), Is.EqualTo(reference.Transform(train).GetColumn<float>("Score")));
    }

    [Test]
    public void A_fold_curve_is_the_held_rows_metric_of_that_folds_fit_after_each_epoch()
    {
        var ml = new MLContext(seed: 0);
        var alloys = Alloys(ml, 20, 4);
        var images = Images(ml, alloys);
        var options = Small(YieldCnnMethod.NoPretraining);
        options.EpochSelection = new EpochSelectionOptions { Folds = 4, Seed = 2 };

        var result = ml.Regression.Trainers.YieldCnn(options).Fit(images).EpochSelection!;

        var all = TrainingSet.ForRegression(images.GetColumn<float[]>("Image").SelectMany(i => i).ToArray(), [.. images.GetColumn<float>("YieldStrength")], ImageShape.PeriodicTable);
        var held = all.Subset([.. result.ValidationRows[1]]);
        var rest = all.Subset([.. Enumerable.Range(0, 20).Except(result.ValidationRows[1])]);
        var curve = new List<double>();
        using var fold = TrainingEngine.TrainWithoutPretraining(rest, options.Network, options.FineTuning, new TrainingOptions
        {
            Seed = 3,
            Device = "cpu",
            EpochCompleted = e => curve.Add(e.Predict(held.Images).Zip(held.Targets!, (p, y) => ((double)p - y) * ((double)p - y)).Average()),
        });
        Assert.That(result.FoldCurves[1], Is.EqualTo(curve).Within(1e-9));
        Assert.That(curve.Distinct().Count(), Is.GreaterThan(1), "the metric moves with the epochs");
    }

    [Test]
    public void Classification_chooses_by_accuracy_with_ties_going_to_the_later_epoch()
    {
        var ml = new MLContext(seed: 0);
        var alloys = Alloys(ml, 30, 5);
        var options = Small(YieldCnnMethod.NoPretraining);
        options.LabelColumnName = "Label";
        options.EpochSelection = new EpochSelectionOptions { Folds = 3 };
        var pipeline = ml.Transforms.FeaturizeAlloy().Append(ml.Transforms.BinYieldStrength("Label", "YieldStrength")).Append(ml.MulticlassClassification.Trainers.YieldCnn(options));

        using var model = pipeline.Fit(alloys);
        var result = model.LastTransformer.EpochSelection!;

        Assert.That(result.MetricName, Is.EqualTo("accuracy"));
        Assert.That(result.FoldCurves.SelectMany(c => c), Has.All.InRange(0.0, 1.0));
        var best = result.MeanCurve.Max();
        Assert.That(result.ChosenEpoch, Is.EqualTo(Enumerable.Range(0, 6).Where(e => result.MeanCurve[e] == best).Max() + 1));
    }

    [Test]
    public void Pretrain_and_transfer_selects_from_the_given_network_and_an_ensemble_stops_every_member_there()
    {
        var ml = new MLContext(seed: 0);
        using var pretrained = Pretrain(ml);
        var options = Small(YieldCnnMethod.PretrainAndTransfer, pretrained);
        options.EpochSelection = new EpochSelectionOptions { Folds = 3 };
        options.EnsembleSize = 2;
        var stages = new List<(string Stage, int MaxEpoch)>();
        options.Progress = new Progress(p => stages.Add((p.Stage, p.MaxEpoch)));

        using var model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(options)).Fit(Alloys(ml, 24, 1));
        var chosen = model.LastTransformer.EpochSelection!.ChosenEpoch;

        Assert.That(stages.Where(s => s.Stage.StartsWith("CV epoch, fold", StringComparison.Ordinal)).Select(s => s.MaxEpoch).Distinct(), Is.EqualTo(new[] { 6 }));
        Assert.That(stages.Where(s => !s.Stage.StartsWith("CV", StringComparison.Ordinal)).Select(s => s.MaxEpoch).Distinct(), Is.EqualTo(new[] { chosen }), "both members stop at the chosen epoch");
        Assert.That(model.LastTransformer.Members, Has.Count.EqualTo(2));
    }

    [Test]
    public void Transfer_sparsity_chooses_in_its_last_imp_round_after_the_earlier_stages_ran_in_full()
    {
        var ml = new MLContext(seed: 0);
        using var pretrained = Pretrain(ml);
        var options = Small(YieldCnnMethod.TransferSparsityOnly, pretrained);
        options.Sparsity = new SparsityOptions { TransferRounds = 1, TransferRoundEpochs = 4 };
        // A large constant rate: the held rows' error moves about from epoch to epoch, so the choice falls inside the round.
        options.FineTuning = options.FineTuning with { LearningRate = 0.1, StepSize = 100 };
        options.EpochSelection = new EpochSelectionOptions { Folds = 3, Seed = 1 };
        var stages = new List<(string Stage, int MaxEpoch)>();
        options.Progress = new Progress(p => stages.Add((p.Stage, p.MaxEpoch)));
        var alloys = Alloys(ml, 24, 1);

        using var model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(options)).Fit(alloys);
        var result = model.LastTransformer.EpochSelection!;

        Assert.That(result.FoldCurves, Has.Count.EqualTo(3).And.All.Count.EqualTo(4), "the round's 4 epochs, not the fine-tuning's 6");
        Assert.That(result.Stage, Is.EqualTo("fine-tuning (IMP round 1)"));
        Assert.That(result.ChosenEpoch, Is.LessThan(4), "these seeds choose inside the round, so the stop below is tested");
        var final = stages.Where(s => !s.Stage.StartsWith("CV", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.That(final, Is.EqualTo(new[] { ("fine-tuning", 6), ("fine-tuning (IMP round 1)", result.ChosenEpoch) }));

        // The final model is the sparse fine-tune whose last round stops at the chosen epoch.
        var images = Images(ml, alloys);
        var all = TrainingSet.ForRegression(images.GetColumn<float[]>("Image").SelectMany(i => i).ToArray(), [.. images.GetColumn<float>("YieldStrength")], ImageShape.PeriodicTable);
        using var reference = HandTuneTraining.FineTuneSparse(
            pretrained, all, options.FineTuning, options.Sparsity, new TrainingOptions { Seed = 3, Device = "cpu" }, lastStageStop: result.ChosenEpoch);
        Assert.That(model.Transform(alloys).GetColumn<float>("Score").ToArray(), Is.EqualTo(reference.Predict(all.Images)).Within(1e-6));
    }

    [Test]
    public void Mix_training_chooses_in_its_one_stage_on_both_domains()
    {
        var ml = new MLContext(seed: 0);
        var options = Small(YieldCnnMethod.MixTraining);
        options.SourceData = Images(ml, Alloys(ml, 48, 2));
        // A large constant rate: the held rows' error moves about from epoch to epoch, so the choice falls inside the stage.
        options.Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 8, BatchSize = 8, LearningRate = 0.1, StepSize = 100 };
        options.EpochSelection = new EpochSelectionOptions { Folds = 3, Seed = 1 };
        var alloys = Alloys(ml, 24, 1);

        using var model = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(options)).Fit(alloys);
        var result = model.LastTransformer.EpochSelection!;

        Assert.That(result.FoldCurves, Has.Count.EqualTo(3).And.All.Count.EqualTo(8));
        Assert.That(result.Stage, Is.EqualTo("mix-training"));
        Assert.That(result.ChosenEpoch, Is.LessThan(8), "these seeds choose inside the stage, so the stop below is tested");
        var stopped = Small(YieldCnnMethod.MixTraining);
        stopped.SourceData = options.SourceData;
        stopped.Pretraining = options.Pretraining with { StopAfterEpoch = result.ChosenEpoch };
        using var reference = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnn(stopped)).Fit(alloys);
        Assert.That(model.Transform(alloys).GetColumn<float>("Score"), Is.EqualTo(reference.Transform(alloys).GetColumn<float>("Score")));
    }

    [Test]
    public void Searches_and_a_stop_set_by_hand_are_refused_with_the_stage_named()
    {
        var ml = new MLContext(seed: 0);
        var handTune = Small(YieldCnnMethod.HandTune);
        handTune.SourceData = Images(ml, Alloys(ml, 40, 2));
        handTune.EpochSelection = new EpochSelectionOptions();
        handTune.RoundsSearch = new PruningRoundsSearchOptions();
        var stopped = Small(YieldCnnMethod.NoPretraining);
        stopped.EpochSelection = new EpochSelectionOptions();
        stopped.FineTuning = stopped.FineTuning with { StopAfterEpoch = 2 };
        var mix = Small(YieldCnnMethod.MixTraining);
        mix.SourceData = handTune.SourceData;
        mix.EpochSelection = new EpochSelectionOptions();
        mix.Pretraining = mix.Pretraining with { StopAfterEpoch = 1 };
        var tooMany = Small(YieldCnnMethod.NoPretraining);
        tooMany.EpochSelection = new EpochSelectionOptions { Folds = 30 };

        Assert.That(Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(handTune))!.Message, Does.Contain("cannot be combined with Options.RoundsSearch"));
        Assert.That(Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(stopped))!.Message, Does.Contain("leave Options.FineTuning.StopAfterEpoch null"));
        Assert.That(Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(mix))!.Message, Does.Contain("where Mix Training (CNN)'s Options.Pretraining stops; leave Options.Pretraining.StopAfterEpoch null"));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.YieldCnn(tooMany).Fit(Images(ml, Alloys(ml, 12, 1))));
        Assert.That(error!.ParamName, Is.EqualTo("Folds"));
        Assert.That(error.Message, Does.Contain("Folds must be between 2 and 12"));
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
