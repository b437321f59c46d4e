using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Tests.Workout;
using XYield.ML.Training;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Estimators;

[TestFixture]
[NonParallelizable]
public sealed class SparseYieldCnnTrainerTests
{
    private sealed class AlloyRow
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }

    private static readonly SparsityOptions OneRoundEach = new() { PretrainingRounds = 1, TransferRounds = 1, PretrainingRoundEpochs = 1, TransferRoundEpochs = 2 };

    private static YieldCnnTrainerOptions Small(YieldCnnMethod method, IDataView source) => new()
    {
        Method = method,
        SourceData = source,
        LabelColumnName = "YieldStrength",
        Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 3, BatchSize = 8, LearningRate = 1e-2 },
        Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 32, LearningRate = 1e-3 },
        Sparsity = OneRoundEach,
        Device = "cpu",
        Seed = 1,
    };

    private static IDataView Images(MLContext ml, int count, int seed)
    {
        var random = new Random(seed);
        string[] formulas = ["MoNbTaW", "HfNbTaTiZr", "MoNbTaTi", "CrMoNbV", "AlMoNbTaTiZr", "NbTaTiV"];
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var kelvin = 300 + (float)(random.NextDouble() * 1200);
            return new AlloyRow { Formula = formulas[i % formulas.Length], Temperature = kelvin, YieldStrength = 1.5f - (kelvin / 2000f) };
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.FeaturizeComposition().Append(ml.Transforms.FeaturizePseudoImage()).Fit(data).Transform(data);
    }

    [Test]
    public void Hand_tune_with_rounds_search_trains_the_best_pair_and_keeps_the_table_on_the_transformer()
    {
        var ml = new MLContext(seed: 0);
        var options = Small(YieldCnnMethod.HandTune, Images(ml, 200, 2));
        options.RoundsSearch = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [0, 1], TransferRoundCandidates = [0, 1], Folds = 3 };
        options.SearchGroupColumnName = "Formula";
        using var model = ml.Regression.Trainers.YieldCnn(options).Fit(Images(ml, 24, 1));

        var search = model.RoundsSearch!;
        Assert.That(search.Scores, Has.Count.EqualTo(4));
        Assert.That(search.ValidationRows.SelectMany(f => f).Order(), Is.EqualTo(Enumerable.Range(0, 24)));
        // The rows cycle through 6 formulas: grouped by formula, each fold holds whole formulas (2 per fold, 4 rows each).
        Assert.That(search.ValidationRows.Select(f => f.Select(r => r % 6).Distinct().Count()), Has.All.EqualTo(2));
        Assert.That(model.Sparsity.Joint, Is.EqualTo(1 - Math.Pow(0.8, search.Best.PretrainingRounds + search.Best.TransferRounds)).Within(0.005));
    }

    [Test]
    public void Rounds_search_is_refused_for_other_methods_for_a_given_network_and_for_a_non_text_group_column()
    {
        var ml = new MLContext(seed: 0);
        var source = Images(ml, 50, 2);
        var wrongMethod = Small(YieldCnnMethod.BiRpt, source);
        wrongMethod.RoundsSearch = new PruningRoundsSearchOptions();
        Assert.That(Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(wrongMethod))!.Message, Does.Contain("cannot be used with Bi-RPT"));

        using var pretrained = ml.Regression.Trainers.PretrainYieldCnn(source, Small(YieldCnnMethod.PretrainAndTransfer, source));
        var given = Small(YieldCnnMethod.HandTune, source);
        given.Pretrained = pretrained;
        given.RoundsSearch = new PruningRoundsSearchOptions();
        Assert.That(Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(given))!.Message, Does.Contain("no Options.Pretrained"));

        var badColumn = Small(YieldCnnMethod.HandTune, source);
        badColumn.RoundsSearch = new PruningRoundsSearchOptions { Folds = 2 };
        badColumn.SearchGroupColumnName = "Temperature";
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.YieldCnn(badColumn).Fit(Images(ml, 12, 1)));
        Assert.That(e!.Message, Does.Contain("'Temperature' must name a text column"));
    }

    [Test]
    public void Bi_rpt_search_chooses_the_coefficients_on_the_training_data_and_is_refused_for_other_methods()
    {
        var ml = new MLContext(seed: 0);
        var options = Small(YieldCnnMethod.BiRpt, Images(ml, 100, 2));
        options.BiRptSearch = new BiRptSearchOptions { ShrinkBudgetCandidates = [0, 2], Folds = 2 };
        options.SearchGroupColumnName = "Formula";
        using var model = ml.Regression.Trainers.YieldCnn(options).Fit(Images(ml, 12, 1));

        var search = model.BiRptSearch!;
        Assert.That(search.Scores, Has.Count.EqualTo(2));
        Assert.That(search.ValidationRows.Select(f => f.Select(r => r % 6).Distinct().Count()), Has.All.EqualTo(3), "whole formulas per fold");
        Assert.That(model.RoundsSearch, Is.Null);

        var wrongMethod = Small(YieldCnnMethod.HandTune, Images(ml, 50, 2));
        wrongMethod.BiRptSearch = new BiRptSearchOptions();
        Assert.That(Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.YieldCnn(wrongMethod))!.Message, Does.Contain("cannot be used with Hand-Tune"));
    }

    [TestCase("handtune", 0.2, 0.8 * 0.2)]
    [TestCase("pretrain-sparse", 0.2, 0.0)]
    [TestCase("transfer-sparse", 0.0, 0.2)]
    public void Sparse_methods_fit_report_their_sparsity_and_round_trip_through_the_model_zip(string methodName, double source, double transfer)
    {
        var method = YieldCnnMethod.FromName(methodName);
        var ml = new MLContext(seed: 0);
        var train = Images(ml, 24, 1);
        using var model = ml.Regression.Trainers.YieldCnn(Small(method, Images(ml, 200, 2))).Fit(train);

        Assert.That(model.Sparsity.Source, Is.EqualTo(source).Within(0.005));
        Assert.That(model.Sparsity.Transfer, Is.EqualTo(transfer).Within(0.005));
        var scores = model.Transform(train).GetColumn<float>("Score").ToArray();
        var loaded = (YieldCnnPredictionTransformer)EstimatorWorkout.SaveAndLoad(ml, model, train.Schema);
        Assert.That(loaded.Transform(train).GetColumn<float>("Score"), Is.EqualTo(scores));
        Assert.That(loaded.Sparsity.Joint, Is.EqualTo(model.Sparsity.Joint));
        loaded.Dispose();
    }

    [Test]
    public void Bi_rpt_classification_fits_through_the_catalog()
    {
        var ml = new MLContext(seed: 0);
        IDataView Labelled(IDataView images) => ml.Transforms.BinYieldStrength("Label", "YieldStrength").Fit(images).Transform(images);
        var train = Labelled(Images(ml, 16, 1));
        var options = Small(YieldCnnMethod.BiRpt, Labelled(Images(ml, 100, 2)));
        options.LabelColumnName = "Label";
        using var model = ml.MulticlassClassification.Trainers.YieldCnn(options).Fit(train);

        Assert.That(model.Task, Is.EqualTo(YieldTask.Classification));
        Assert.That(model.Sparsity.Layers, Has.Count.EqualTo(5));
        Assert.That(model.Transform(train).GetColumn<uint>("PredictedLabel").ToArray(), Has.All.InRange(1u, 5u));
    }

    [Test]
    public void Sparse_methods_without_source_data_or_with_bad_sparsity_are_rejected_by_name()
    {
        var ml = new MLContext(seed: 0);
        var noSource = Small(YieldCnnMethod.BiRpt, Images(ml, 8, 1));
        noSource.SourceData = null;
        Assert.That(() => ml.Regression.Trainers.YieldCnn(noSource), Throws.ArgumentException.With.Message.Contains("SourceData"));

        var bad = Small(YieldCnnMethod.HandTune, Images(ml, 8, 1));
        bad.Sparsity = new SparsityOptions { TransferRounds = -1 };
        Assert.That(() => ml.Regression.Trainers.YieldCnn(bad),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo(nameof(SparsityOptions.TransferRounds)));
    }
}
