using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Tests.Workout;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.MlNetInternals;

/// <summary>Pipelines mixing ML.NET's transforms and trainers with ours, saved and loaded with plain Model.Save/Load.</summary>
[TestFixture]
public sealed class MixedPipelinePersistenceTests
{
    private sealed class AlloyRow
    {
        public float Mo { get; set; }

        public float Nb { get; set; }

        public float TemperatureK { get; set; }

        public float HardnessHv { get; set; }

        public float YieldStrengthMpa { get; set; }
    }

    private static IDataView Alloys(MLContext ml)
    {
        // Twenty rows with a yield strength loosely tied to the features, so the classes are learnable.
        var rows = Enumerable.Range(0, 20).Select(i => new AlloyRow
        {
            Mo = (i % 5) / 4f,
            Nb = 1 - ((i % 5) / 4f),
            TemperatureK = 300 + (100 * (i % 7)),
            YieldStrengthMpa = 150 + (110 * i) - (5 * (i % 7)),
            HardnessHv = (150 + (110 * i)) / 3f + (i % 3),
        });
        return ml.Data.LoadFromEnumerable(rows.ToArray());
    }

    private static EstimatorChain<MulticlassPredictionTransformer<Microsoft.ML.Trainers.MaximumEntropyModelParameters>> Pipeline(MLContext ml) =>
        ml.Transforms.Concatenate("Features", nameof(AlloyRow.Mo), nameof(AlloyRow.Nb), nameof(AlloyRow.TemperatureK), nameof(AlloyRow.HardnessHv))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Transforms.BinYieldStrength("Label", nameof(AlloyRow.YieldStrengthMpa), YieldStrengthUnit.Megapascal))
            .Append(ml.Transforms.Conversion.MapKeyToValue("LabelText", "Label"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 20));

    [Test]
    public void Mixed_pipeline_trains_on_the_binned_label_and_round_trips_in_this_process()
    {
        var ml = new MLContext(seed: 1);
        var data = Alloys(ml);

        var model = Pipeline(ml).Fit(data);
        var output = model.Transform(data);

        Assert.That(DataViewAssert.Column(output, "LabelText").Take(3), Is.EqualTo(new[] { "[0, 0.5) GPa", "[0, 0.5) GPa", "[0, 0.5) GPa" }));
        Assert.That(DataViewAssert.Column(output, "LabelText")[^1], Is.EqualTo("[2, ∞) GPa"));
        // The trainer took our key as its label: five classes, named by our KeyValues.
        Assert.That(output.Schema["Score"].Type, Is.EqualTo(new VectorDataViewType(NumberDataViewType.Single, 5)));
        Assert.That(output.Schema["PredictedLabel"].Type, Is.EqualTo(new KeyDataViewType(typeof(uint), 5)));
        Assert.That(DataViewAssert.Annotation(output.Schema["PredictedLabel"], "KeyValues"), Does.StartWith("[0, 0.5) GPa;[0.5, 1) GPa;"));
        DataViewAssert.SameValues(output, EstimatorWorkout.SaveAndLoad(ml, model, data.Schema).Transform(data));
    }

    [Test]
    public void Mixed_pipeline_saved_here_gives_identical_output_in_a_fresh_process()
    {
        var ml = new MLContext(seed: 1);
        var data = Alloys(ml);

        var model = Pipeline(ml).Fit(data);

        FreshProcessModel.AssertSameOutput(ml, model, data);
    }

    [Test]
    public void Prediction_engine_of_a_loaded_pipeline_matches_transform()
    {
        var ml = new MLContext(seed: 1);
        var data = Alloys(ml);
        var loaded = EstimatorWorkout.SaveAndLoad(ml, Pipeline(ml).Fit(data), data.Schema);
        var expected = loaded.Transform(data).GetColumn<uint>("PredictedLabel").ToArray();

        using var engine = ml.Model.CreatePredictionEngine<AlloyRow, Prediction>(loaded);
        var predicted = ml.Data.CreateEnumerable<AlloyRow>(data, reuseRowObject: false).Select(row => engine.Predict(row).PredictedLabel);

        Assert.That(predicted, Is.EqualTo(expected));
    }

    private sealed class Prediction
    {
        [KeyType(5)]
        public uint PredictedLabel { get; set; }
    }
}
