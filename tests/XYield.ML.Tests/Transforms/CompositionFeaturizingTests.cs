using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Tests.Workout;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Transforms;

[TestFixture]
public sealed class CompositionFeaturizingTests
{
    private sealed class FormulaRow
    {
        public string Formula { get; set; } = "";
    }

    private sealed class AlloyRow
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }

    private sealed class AmountsRow
    {
        [VectorType(11)]
        public float[] Formula { get; set; } = [];
    }

    private static IDataView Formulas(MLContext ml, params string[] formulas) =>
        ml.Data.LoadFromEnumerable(formulas.Select(f => new FormulaRow { Formula = f }));

    [Test]
    public void Palette_fractions_with_slot_names()
    {
        var ml = new MLContext(seed: 0);
        var data = Formulas(ml, "Mo25Nb25Ta25Zr25", "Al0.5CrNbTi");

        var output = ml.Transforms.FeaturizeComposition().Fit(data).Transform(data);

        Assert.That(output.Schema["Fractions"].Type, Is.EqualTo(new VectorDataViewType(NumberDataViewType.Single, 11)));
        VBuffer<ReadOnlyMemory<char>> names = default;
        output.Schema["Fractions"].GetSlotNames(ref names);
        Assert.That(names.DenseValues().Select(n => n.ToString()), Is.EqualTo(Palette.Symbols));
        var rows = output.GetColumn<float[]>("Fractions").ToArray();
        Assert.That(rows[0], Is.EqualTo(new[] { 0, 0, 0, 0, 0.25f, 0.25f, 0.25f, 0, 0, 0, 0.25f }));
        Assert.That(rows[1][0], Is.EqualTo(0.5f / 3.5f).Within(1e-7));
    }

    [Test]
    public void All_elements_option_has_118_slots_by_atomic_number()
    {
        var ml = new MLContext(seed: 0);
        var data = Formulas(ml, "CoCrFeNi");

        var output = ml.Transforms.FeaturizeComposition(elements: ElementSet.All).Fit(data).Transform(data);

        var row = output.GetColumn<float[]>("Fractions").Single();
        Assert.That(row, Has.Length.EqualTo(118));
        Assert.That(row[26], Is.EqualTo(0.25f), "Co is Z = 27");
        Assert.That(row.Sum(), Is.EqualTo(1f).Within(1e-6));
    }

    [Test]
    public void Bad_formula_fails_with_row_and_reason()
    {
        var ml = new MLContext(seed: 0);
        var data = Formulas(ml, "MoNb", "MoNbCo", "Mo?");

        var output = ml.Transforms.FeaturizeComposition().Fit(data).Transform(data);

        var e = Assert.Throws<InvalidDataException>(() => output.GetColumn<float[]>("Fractions").ToArray());
        Assert.That(e!.Message, Does.Contain("row 1").And.Contain("'Co' is outside the allowed elements"));
    }

    [Test]
    public void Skip_mode_drops_bad_rows_and_counts_them()
    {
        var ml = new MLContext(seed: 0);
        var data = Formulas(ml, "MoNb", "MoNbCo", "Mo?", "TaW");
        var transformer = ml.Transforms.FeaturizeComposition(new CompositionFeaturizingEstimator.Options { InvalidRows = InvalidRowHandling.Skip }).Fit(data);

        var rows = transformer.Transform(data).GetColumn<string>("Formula").ToArray();

        Assert.That(rows, Is.EqualTo(new[] { "MoNb", "TaW" }));
        Assert.That(transformer.SkippedRowCount, Is.EqualTo(2));
    }

    [Test]
    public void Skip_mode_drops_bad_rows_through_a_chain_an_interface_and_a_reloaded_model()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { "MoNb", "MoNbCo", "Mo?", "TaW" }.Select(f => new AlloyRow { Formula = f, Temperature = 300 }));
        var chain = ml.Transforms.FeaturizeComposition(new CompositionFeaturizingEstimator.Options { InvalidRows = InvalidRowHandling.Skip })
            .Append(ml.Transforms.FeaturizePseudoImage())
            .Fit(data);
        var featurizer = (CompositionFeaturizingTransformer)chain.First();
        var reloaded = (TransformerChain<ITransformer>)EstimatorWorkout.SaveAndLoad(ml, chain, data.Schema);

        foreach (var (path, model, counter) in new (string, ITransformer, CompositionFeaturizingTransformer)[]
        {
            ("chain", chain, featurizer),
            ("ITransformer variable", featurizer, featurizer),
            ("reloaded chain", reloaded, (CompositionFeaturizingTransformer)reloaded.First()),
        })
        {
            var before = counter.SkippedRowCount;
            var output = model.Transform(data);

            Assert.That(output.GetColumn<string>("Formula"), Is.EqualTo(new[] { "MoNb", "TaW" }), path);
            Assert.That(counter.SkippedRowCount - before, Is.EqualTo(2), path);
            Assert.That(output.GetColumn<float[]>("Fractions").SelectMany(f => f), Is.All.Not.NaN, path);
            if (output.Schema.GetColumnOrNull("Image") is not null)
            {
                Assert.That(output.GetColumn<float[]>("Image").SelectMany(f => f), Is.All.Not.NaN, path);
            }
        }
    }

    [Test]
    public void Skip_mode_is_not_a_row_to_row_mapper_so_no_prediction_engine_is_made_of_it()
    {
        var ml = new MLContext(seed: 0);
        var data = Formulas(ml, "MoNb");
        var skipping = ml.Transforms.FeaturizeComposition(new CompositionFeaturizingEstimator.Options { InvalidRows = InvalidRowHandling.Skip }).Fit(data);

        Assert.That(ml.Transforms.FeaturizeComposition().Fit(data).IsRowToRowMapper, Is.True);
        Assert.That(skipping.IsRowToRowMapper, Is.False);
        Assert.That(() => skipping.GetRowToRowMapper(data.Schema),
            Throws.InvalidOperationException.With.Message.Contains("InvalidRowHandling.Skip").And.Message.Contains("PredictionEngine"));
        Assert.That(() => ml.Model.CreatePredictionEngine<FormulaRow, AmountsRow>(skipping), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void Amount_vectors_are_normalised()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new AmountsRow { Formula = [0, 0, 0, 0, 1, 1, 2, 0, 0, 0, 0] } });

        var row = ml.Transforms.FeaturizeComposition().Fit(data).Transform(data).GetColumn<float[]>("Fractions").Single();

        Assert.That(row[4..7], Is.EqualTo(new[] { 0.25f, 0.25f, 0.5f }));
    }

    [Test]
    public void Estimator_workout_and_fresh_process_round_trip()
    {
        var ml = new MLContext(seed: 0);
        var valid = Formulas(ml, "MoNbTaW", "HfNbTaTiZr");
        var invalid = ml.Data.LoadFromEnumerable(new[] { new { Formula = 3.5f } });

        var (transformer, _) = EstimatorWorkout.Run(ml.Transforms.FeaturizeComposition(), valid, invalid, "'Formula'", "Single", "expected a Text formula column");

        FreshProcessModel.AssertSameOutput(ml, transformer, valid);
    }
}
