using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Estimators;
using XYield.ML.Methods;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Tests.Catalog;

/// <summary>
/// Every overload of <see cref="XYieldTrainersCatalog"/> builds a trainer that fits on tiny data and scores; a
/// reflection check keeps the list of cases in step with the catalog, so a new overload needs a case here.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class XYieldTrainersCatalogTests
{
    private MLContext _ml = null!;
    private TinyTraining _data = null!;
    private PretrainedNetwork _regressionNetwork = null!;
    private PretrainedNetwork _classificationNetwork = null!;

    /// <summary>One catalog overload: its signature (as <see cref="Signature"/> writes it), its task and a call of it.</summary>
    public sealed record Overload(string Name, YieldTask Task, Func<XYieldTrainersCatalogTests, YieldCnnTrainer> Create)
    {
        public override string ToString() => Name;
    }

    private RegressionCatalog.RegressionTrainers Regression => _ml.Regression.Trainers;

    private MulticlassClassificationCatalog.MulticlassClassificationTrainers Multiclass => _ml.MulticlassClassification.Trainers;

    [OneTimeSetUp]
    public void CreateDataAndNetworks()
    {
        _ml = new MLContext(seed: 0);
        _data = new TinyTraining(_ml, targetRows: 8, sourceRows: 32);
        _regressionNetwork = Regression.PretrainYieldCnn(_data.Source, TinyTraining.Options(YieldTask.Regression));
        _classificationNetwork = Multiclass.PretrainYieldCnn(_data.SourceClasses, TinyTraining.Options(YieldTask.Classification));
    }

    [OneTimeTearDown]
    public void DisposeNetworks()
    {
        _regressionNetwork.Dispose();
        _classificationNetwork.Dispose();
    }

    private static YieldCnnTrainerOptions Tiny(YieldTask task) => TinyTraining.Options(task);

    // The column-name overloads train with the paper's settings (90 fine-tuning epochs, a wide network): too slow for a unit
    // test. Their trainer's stages and widths are shrunk after the call; what the overload set (method, columns, source
    // data, network to fine-tune, sparsity) is kept. For the options overloads this changes nothing.
    private static YieldCnnTrainer Shrunk(YieldCnnTrainer trainer)
    {
        var tiny = Tiny(trainer.Options.Network.Task);
        trainer.Options.Network = tiny.Network with { Task = trainer.Options.Network.Task };
        trainer.Options.FineTuning = tiny.FineTuning;
        trainer.Options.Pretraining = tiny.Pretraining;
        return trainer;
    }

    public static IEnumerable<Overload> TrainerOverloads()
    {
        const string label = "YieldStrength";
        var sparsity = TinyTraining.OneShortRoundEach;
        var r = YieldTask.Regression;
        var c = YieldTask.Classification;

        yield return new("YieldCnn(RegressionTrainers, String, String)", r, t => t.Regression.YieldCnn(labelColumnName: label));
        yield return new("YieldCnn(RegressionTrainers, YieldCnnTrainerOptions)", r, t => t.Regression.YieldCnn(Tiny(r)));
        yield return new("YieldCnnTransfer(RegressionTrainers, PretrainedNetwork, String, String)", r, t => t.Regression.YieldCnnTransfer(t._regressionNetwork, labelColumnName: label));
        yield return new("YieldCnnTransfer(RegressionTrainers, PretrainedNetwork, YieldCnnTrainerOptions)", r, t => t.Regression.YieldCnnTransfer(t._regressionNetwork, Tiny(r)));
        yield return new("YieldCnnMix(RegressionTrainers, IDataView, String, String)", r, t => t.Regression.YieldCnnMix(t._data.Source, labelColumnName: label));
        yield return new("YieldCnnMix(RegressionTrainers, IDataView, YieldCnnTrainerOptions)", r, t => t.Regression.YieldCnnMix(t._data.Source, Tiny(r)));
        yield return new("YieldCnnHandTune(RegressionTrainers, IDataView, SparsityOptions, String, String)", r, t => t.Regression.YieldCnnHandTune(t._data.Source, sparsity, labelColumnName: label));
        yield return new("YieldCnnHandTune(RegressionTrainers, IDataView, YieldCnnTrainerOptions)", r, t => t.Regression.YieldCnnHandTune(t._data.Source, Tiny(r)));
        yield return new("YieldCnnBiRpt(RegressionTrainers, IDataView, SparsityOptions, String, String)", r, t => t.Regression.YieldCnnBiRpt(t._data.Source, sparsity, label));
        yield return new("YieldCnnBiRpt(RegressionTrainers, IDataView, YieldCnnTrainerOptions)", r, t => t.Regression.YieldCnnBiRpt(t._data.Source, Tiny(r)));

        yield return new("YieldCnn(MulticlassClassificationTrainers, String, String)", c, t => t.Multiclass.YieldCnn());
        yield return new("YieldCnn(MulticlassClassificationTrainers, YieldCnnTrainerOptions)", c, t => t.Multiclass.YieldCnn(Tiny(c)));
        yield return new("YieldCnnTransfer(MulticlassClassificationTrainers, PretrainedNetwork, String, String)", c, t => t.Multiclass.YieldCnnTransfer(t._classificationNetwork));
        yield return new("YieldCnnTransfer(MulticlassClassificationTrainers, PretrainedNetwork, YieldCnnTrainerOptions)", c, t => t.Multiclass.YieldCnnTransfer(t._classificationNetwork, Tiny(c)));
        yield return new("YieldCnnMix(MulticlassClassificationTrainers, IDataView, String, String)", c, t => t.Multiclass.YieldCnnMix(t._data.SourceClasses));
        yield return new("YieldCnnMix(MulticlassClassificationTrainers, IDataView, YieldCnnTrainerOptions)", c, t => t.Multiclass.YieldCnnMix(t._data.SourceClasses, Tiny(c)));
        yield return new("YieldCnnHandTune(MulticlassClassificationTrainers, IDataView, SparsityOptions, String, String)", c, t => t.Multiclass.YieldCnnHandTune(t._data.SourceClasses, sparsity));
        yield return new("YieldCnnHandTune(MulticlassClassificationTrainers, IDataView, YieldCnnTrainerOptions)", c, t => t.Multiclass.YieldCnnHandTune(t._data.SourceClasses, Tiny(c)));
        yield return new("YieldCnnBiRpt(MulticlassClassificationTrainers, IDataView, SparsityOptions, String, String)", c, t => t.Multiclass.YieldCnnBiRpt(t._data.SourceClasses, sparsity));
        yield return new("YieldCnnBiRpt(MulticlassClassificationTrainers, IDataView, YieldCnnTrainerOptions)", c, t => t.Multiclass.YieldCnnBiRpt(t._data.SourceClasses, Tiny(c)));
    }

    private static readonly string[] PretrainOverloads =
    [
        "PretrainYieldCnn(RegressionTrainers, IDataView, YieldCnnTrainerOptions)",
        "PretrainYieldCnn(MulticlassClassificationTrainers, IDataView, YieldCnnTrainerOptions)",
    ];

    // The recommended method's trainer is not a YieldCnnTrainer: its overloads have their own case below.
    private static readonly string[] TransferAndForestOverloads =
    [
        "YieldTransferAndForest(RegressionTrainers, PretrainedNetwork, String)",
        "YieldTransferAndForest(RegressionTrainers, PretrainedNetwork, TransferAndForestTrainerOptions)",
    ];

    private static string Signature(MethodInfo method) =>
        $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";

    [Test]
    public void Every_public_overload_has_a_case_here()
    {
        var catalog = typeof(XYieldTrainersCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(Signature);
        Assert.That(TrainerOverloads().Select(o => o.Name).Concat(PretrainOverloads).Concat(TransferAndForestOverloads), Is.EquivalentTo(catalog));
    }

    [Test]
    public void Both_recommended_trainer_overloads_set_the_label_and_the_network_on_a_copy()
    {
        var options = new TransferAndForestTrainerOptions { LabelColumnName = "YS" };
        var trainers = new[] { Regression.YieldTransferAndForest(_regressionNetwork, labelColumnName: "YS"), Regression.YieldTransferAndForest(_regressionNetwork, options) };

        foreach (var trainer in trainers)
        {
            Assert.That((trainer.Options.LabelColumnName, trainer.Options.Cnn.LabelColumnName, trainer.Options.Cnn.Pretrained, trainer.Options.Cnn.Method),
                Is.EqualTo(("YS", "YS", _regressionNetwork, YieldCnnMethod.PretrainAndTransfer)));
        }

        Assert.That(options.Cnn.Pretrained, Is.Null, "the caller's options are not changed");
        Assert.That(() => Regression.YieldTransferAndForest(_classificationNetwork), Throws.InstanceOf<ArgumentException>());
    }

    [TestCaseSource(nameof(TrainerOverloads))]
    public void Overload_fits_and_scores(Overload overload)
    {
        var trainer = Shrunk(overload.Create(this));
        var train = overload.Task == YieldTask.Regression ? _data.Target : _data.TargetClasses;

        using var model = trainer.Fit(train);
        var scored = model.Transform(train);

        Assert.That(model.Task, Is.EqualTo(overload.Task));
        if (overload.Task == YieldTask.Regression)
        {
            Assert.That(scored.GetColumn<float>("Score"), Is.All.Not.NaN);
        }
        else
        {
            Assert.That(scored.GetColumn<float[]>("Score").Select(p => p.Sum()), Is.All.EqualTo(1f).Within(1e-5));
            Assert.That(scored.GetColumn<uint>("PredictedLabel"), Is.All.InRange(1u, 5u));
            Assert.That(model.ClassLabels[0], Is.EqualTo("[0, 0.5) GPa"), "the bin names of the label's key values");
        }
    }

    [Test]
    public void Pretraining_gives_a_network_of_the_task()
    {
        // Both PretrainYieldCnn overloads ran in the one-time set-up; Transfer overloads fine-tuned their networks.
        Assert.That(_regressionNetwork.NetworkOptions.Task, Is.EqualTo(YieldTask.Regression));
        Assert.That(_classificationNetwork.NetworkOptions.Task, Is.EqualTo(YieldTask.Classification));
        Assert.That(_classificationNetwork.NetworkOptions.ClassCount, Is.EqualTo(5));
        Assert.Throws<ArgumentNullException>(() => Regression.PretrainYieldCnn(null!));
    }

    [Test]
    public void Options_overloads_set_the_method_and_its_data_on_a_copy()
    {
        var options = Tiny(YieldTask.Regression);

        var transfer = Regression.YieldCnnTransfer(_regressionNetwork, options);
        var mix = Regression.YieldCnnMix(_data.Source, options);
        var handTune = Regression.YieldCnnHandTune(_data.Source, options);
        var biRpt = Multiclass.YieldCnnBiRpt(_data.SourceClasses, Tiny(YieldTask.Classification));

        Assert.That((transfer.Options.Method, transfer.Options.Pretrained), Is.EqualTo((YieldCnnMethod.PretrainAndTransfer, _regressionNetwork)));
        Assert.That((mix.Options.Method, mix.Options.SourceData), Is.EqualTo((YieldCnnMethod.MixTraining, _data.Source)));
        Assert.That((handTune.Options.Method, handTune.Options.SourceData), Is.EqualTo((YieldCnnMethod.HandTune, _data.Source)));
        Assert.That((biRpt.Options.Method, biRpt.Options.SourceData), Is.EqualTo((YieldCnnMethod.BiRpt, _data.SourceClasses)));
        Assert.That(handTune.Options.Sparsity, Is.EqualTo(TinyTraining.OneShortRoundEach), "the options' sparsity is used");
        Assert.That(mix.Options.Seed, Is.EqualTo(0), "the context's seed, as for the column-name overloads");
        Assert.That((options.Method, options.SourceData, options.Pretrained, options.Seed), Is.EqualTo((YieldCnnMethod.NoPretraining, (IDataView?)null, (PretrainedNetwork?)null, (int?)null)),
            "the caller's options are not changed");
    }

    [Test]
    public void Both_overloads_of_a_method_validate_alike()
    {
        var options = Tiny(YieldTask.Regression);

        Assert.Throws<ArgumentNullException>(() => Regression.YieldCnnTransfer(null!));
        Assert.Throws<ArgumentNullException>(() => Regression.YieldCnnTransfer(null!, options));
        Assert.Throws<ArgumentNullException>(() => Regression.YieldCnnTransfer(_regressionNetwork, (YieldCnnTrainerOptions)null!));
        foreach (var create in new Func<IDataView, YieldCnnTrainer>[]
                 {
                     s => Regression.YieldCnnMix(s), s => Regression.YieldCnnMix(s, options),
                     s => Regression.YieldCnnHandTune(s), s => Regression.YieldCnnHandTune(s, options),
                     s => Multiclass.YieldCnnBiRpt(s), s => Multiclass.YieldCnnBiRpt(s, options),
                 })
        {
            Assert.Throws<ArgumentNullException>(() => create(null!));
        }

        var wrongTask = Assert.Throws<ArgumentException>(() => Multiclass.YieldCnnTransfer(_regressionNetwork));
        var wrongTaskWithOptions = Assert.Throws<ArgumentException>(() => Multiclass.YieldCnnTransfer(_regressionNetwork, Tiny(YieldTask.Classification)));
        Assert.That(wrongTaskWithOptions!.Message, Is.EqualTo(wrongTask!.Message).And.Contain("trained for Regression"));

        var noSparsity = Tiny(YieldTask.Regression);
        noSparsity.Sparsity = null!;
        Assert.That(() => Regression.YieldCnnHandTune(_data.Source, noSparsity), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("Sparsity"));
        var search = Tiny(YieldTask.Regression);
        search.RoundsSearch = new PruningRoundsSearchOptions();
        Assert.That(() => Regression.YieldCnnMix(_data.Source, search), Throws.ArgumentException.With.Message.Contains("cannot be used with Mix Training"));
    }

    [Test]
    public void A_scored_model_names_its_classes_after_the_label()
    {
        using var model = Multiclass.YieldCnnTransfer(_classificationNetwork, Tiny(YieldTask.Classification)).Fit(_data.TargetClasses);
        var predicted = model.Transform(_data.TargetClasses).Schema["PredictedLabel"];

        VBuffer<ReadOnlyMemory<char>> names = default;
        predicted.GetKeyValues(ref names);
        Assert.That(names.DenseValues().Select(n => n.ToString()), Is.EqualTo(model.ClassLabels));
    }
}
