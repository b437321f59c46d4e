using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Tests.Workout;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Transforms;

[TestFixture]
public sealed class YieldStrengthBinningTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class FloatRow
    {
        public float YieldStrength { get; set; }
    }

    private sealed class DoubleRow
    {
        public double YS { get; set; }
    }

    private sealed class TextRow
    {
        public string YieldStrength { get; set; } = "";
    }

    private sealed class LabelPrediction
    {
        [KeyType(5)]
        public uint Label { get; set; }
    }

    private IDataView Floats(params float[] values) => _ml.Data.LoadFromEnumerable(values.Select(v => new FloatRow { YieldStrength = v }));

    private static uint[] Keys(IDataView view, string column = "Label") =>
        [.. view.GetColumn<uint>(view.Schema[column])];

    [Test]
    public void Default_bins_put_each_edge_in_the_upper_bin()
    {
        var data = Floats(0f, 0.49999f, 0.5f, 0.99f, 1f, 1.49f, 1.5f, 1.999f, 2f, 2.035f, 10f);

        var output = _ml.Transforms.BinYieldStrength().Fit(data).Transform(data);

        Assert.That(Keys(output), Is.EqualTo(new uint[] { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5 }));
    }

    [Test]
    public void Output_is_a_five_value_key_named_by_its_bins()
    {
        var data = Floats(1f);

        var column = _ml.Transforms.BinYieldStrength().Fit(data).Transform(data).Schema["Label"];

        Assert.That(column.Type, Is.EqualTo(new KeyDataViewType(typeof(uint), 5)));
        Assert.That(DataViewAssert.Annotation(column, "KeyValues"),
            Is.EqualTo("[0, 0.5) GPa;[0.5, 1) GPa;[1, 1.5) GPa;[1.5, 2) GPa;[2, ∞) GPa"));
    }

    [Test]
    public void Megapascal_input_is_converted_before_binning()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { 0d, 499.9, 500, 999.999, 1000, 1500, 2000, 2035 }.Select(v => new DoubleRow { YS = v }));

        var output = _ml.Transforms.BinYieldStrength("Class", "YS", YieldStrengthUnit.Megapascal).Fit(data).Transform(data);

        Assert.That(Keys(output, "Class"), Is.EqualTo(new uint[] { 1, 1, 2, 2, 3, 4, 5, 5 }));
    }

    [Test]
    public void Custom_edges_make_their_own_bins_and_labels()
    {
        var data = Floats(0.1f, 0.3f, 1.19f, 1.2f, 5f);
        var estimator = _ml.Transforms.BinYieldStrength(new YieldStrengthBinningEstimator.Options { EdgesGpa = [0.3, 1.2] });

        var transformer = estimator.Fit(data);
        var output = transformer.Transform(data);

        Assert.That(Keys(output), Is.EqualTo(new uint[] { 1, 2, 2, 3, 3 }));
        Assert.That(transformer.BinLabels, Is.EqualTo(new[] { "[0, 0.3) GPa", "[0.3, 1.2) GPa", "[1.2, ∞) GPa" }));
        Assert.That(output.Schema["Label"].Type, Is.EqualTo(new KeyDataViewType(typeof(uint), 3)));
    }

    [TestCase(new double[0], "At least one bin edge")]
    [TestCase(new[] { 0.5, 0.5 }, "Bin edge 1 is 0.5, not greater than edge 0 (0.5)")]
    [TestCase(new[] { 1.0, 0.5 }, "Bin edge 1 is 0.5, not greater than edge 0 (1)")]
    [TestCase(new[] { 0.0, 1.0 }, "Bin edge 0 is 0; edges must be finite and greater than 0")]
    [TestCase(new[] { -1.0 }, "Bin edge 0 is -1")]
    [TestCase(new[] { 0.5, double.NaN }, "Bin edge 1 is NaN")]
    [TestCase(new[] { 0.5, double.PositiveInfinity }, "Bin edge 1 is Infinity")]
    public void Invalid_edges_are_rejected_naming_the_edge(double[] edges, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.Transforms.BinYieldStrength(new YieldStrengthBinningEstimator.Options { EdgesGpa = edges }));

        Assert.That(e!.ParamName, Is.EqualTo("Options.EdgesGpa"));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void Invalid_options_name_the_option()
    {
        Assert.That(() => _ml.Transforms.BinYieldStrength(new YieldStrengthBinningEstimator.Options { OutputColumnName = " " }),
            Throws.ArgumentException.With.Message.Contains("OutputColumnName"));
        Assert.That(() => _ml.Transforms.BinYieldStrength(new YieldStrengthBinningEstimator.Options { InputColumnName = "" }),
            Throws.ArgumentException.With.Message.Contains("InputColumnName"));
        Assert.That(() => _ml.Transforms.BinYieldStrength(new YieldStrengthBinningEstimator.Options { Unit = (YieldStrengthUnit)7 }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("Unit"));
    }

    [TestCase(-0.1f, "-0.1")]
    [TestCase(float.NaN, "NaN")]
    [TestCase(float.PositiveInfinity, "Infinity")]
    [TestCase(float.NegativeInfinity, "-Infinity")]
    public void Invalid_yield_strength_fails_naming_column_row_and_value(float bad, string shown)
    {
        var data = Floats(1f, 0.2f, bad, 3f);
        var output = _ml.Transforms.BinYieldStrength().Fit(data).Transform(data);

        var e = Assert.Throws<InvalidDataException>(() => Keys(output));

        Assert.That(e!.Message, Does.Contain("column 'YieldStrength'").And.Contain($"holds {shown} GPa").And.Contain("row 2 (0-based)")
            .And.Contain("expected a finite, non-negative yield strength"));
    }

    [Test]
    public void Missing_input_column_is_named_with_what_was_expected_and_found()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new DoubleRow { YS = 1 } });

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.BinYieldStrength().Fit(data));

        Assert.That(e!.Message, Does.Contain("BinYieldStrength: input column 'YieldStrength' was not found")
            .And.Contain("expected a scalar Single or Double yield-strength column").And.Contain("Columns present: YS"));
    }

    [Test]
    public void Text_input_column_is_rejected_saying_what_it_is()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new TextRow { YieldStrength = "1.2" } });

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.BinYieldStrength().Fit(data));

        Assert.That(e!.Message, Does.Contain("input column 'YieldStrength' is String; expected a scalar Single or Double"));
    }

    [Test]
    public void Workout_schema_fit_transform_and_in_process_save_load()
    {
        var valid = _ml.Data.LoadFromEnumerable(new[] { 0.1, 0.7, 1.2, 1.7, 2.5 }.Select(v => new DoubleRow { YS = v }));
        var invalid = _ml.Data.LoadFromEnumerable(new[] { new VectorAsYs() });
        var estimator = _ml.Transforms.BinYieldStrength(new YieldStrengthBinningEstimator.Options
        {
            InputColumnName = "YS",
            OutputColumnName = "Class",
            EdgesGpa = [0.6, 1.6],
        });

        var (transformer, output) = EstimatorWorkout.Run(estimator, valid, invalid, "'YS'", "Vector<Single", "expected a scalar Single or Double");

        Assert.That(Keys(output, "Class"), Is.EqualTo(new uint[] { 1, 2, 2, 3, 3 }));
        Assert.That(transformer.EdgesGpa, Is.EqualTo(new[] { 0.6, 1.6 }));
    }

    private sealed class VectorAsYs
    {
        [VectorType(3)]
        public float[] YS { get; set; } = [0, 0, 0];
    }

    [Test]
    public void Prediction_engine_bins_single_rows()
    {
        var model = _ml.Transforms.BinYieldStrength().Fit(Floats(1f));
        using var engine = _ml.Model.CreatePredictionEngine<FloatRow, LabelPrediction>(model);

        Assert.That(engine.Predict(new FloatRow { YieldStrength = 0.5f }).Label, Is.EqualTo(2));
        Assert.That(engine.Predict(new FloatRow { YieldStrength = 2.0f }).Label, Is.EqualTo(5));
        Assert.That(engine.Predict(new FloatRow { YieldStrength = 0.04f }).Label, Is.EqualTo(1));
    }

    [Test]
    public void Data_frame_goes_in_and_comes_out()
    {
        var frame = new DataFrame(new SingleDataFrameColumn("YieldStrength", [0.3f, 1.1f, 2.2f]));
        var pipeline = _ml.Transforms.BinYieldStrength()
            .Append(_ml.Transforms.Conversion.MapKeyToValue("LabelText", "Label"));

        var output = pipeline.Fit(frame).Transform(frame);
        // ToDataFrame (Microsoft.Data.Analysis 0.23.1) supports no UInt32 columns, keys included: take the key's text.
        var result = output.ToDataFrame(-1, "YieldStrength", "LabelText");

        Assert.That(Keys(output), Is.EqualTo(new uint[] { 1, 3, 5 }));
        Assert.That(result.Columns["LabelText"].Cast<object>().Select(Convert.ToString), Is.EqualTo(new[] { "[0, 0.5) GPa", "[1, 1.5) GPa", "[2, ∞) GPa" }));
        Assert.That(result.Columns["YieldStrength"].Cast<float>(), Is.EqualTo(new[] { 0.3f, 1.1f, 2.2f }));
    }
}
