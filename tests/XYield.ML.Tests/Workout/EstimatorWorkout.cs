using Microsoft.ML;
using XYield.ML.MlNetInternals;

namespace XYield.ML.Tests.Workout;

/// <summary>
/// The checks every XYield.ML estimator passes (after ML.NET's <c>TestEstimatorCore</c>): schema propagation,
/// invalid input rejected with a useful message, fit, transform, and save → load in this process giving the
/// same schema and values. The fresh-process check is <see cref="FreshProcessModel"/>.
/// </summary>
internal static class EstimatorWorkout
{
    /// <summary>Runs the workout and returns the fitted transformer and its output on <paramref name="validInput"/>.</summary>
    /// <param name="estimator">The estimator under test.</param>
    /// <param name="validInput">Data it must accept.</param>
    /// <param name="invalidInput">Data whose schema it must reject.</param>
    /// <param name="expectedMessageParts">Text the rejection message must contain (the column, what was found, what was expected).</param>
    public static (TTransformer Transformer, IDataView Output) Run<TTransformer>(
        IEstimator<TTransformer> estimator, IDataView validInput, IDataView invalidInput, params string[] expectedMessageParts)
        where TTransformer : ITransformer
    {
        var mlContext = new MLContext(seed: 1);

        // Schema propagation: what the estimator promises is what the transformer delivers.
        var promised = estimator.GetOutputSchema(SchemaShapeColumns.FromSchema(validInput.Schema));
        var transformer = estimator.Fit(validInput);
        var output = transformer.Transform(validInput);
        var delivered = SchemaShapeColumns.FromSchema(output.Schema);
        Assert.That(delivered.Select(c => c.Name), Is.EquivalentTo(promised.Select(c => c.Name)), "columns promised by GetOutputSchema(SchemaShape)");
        foreach (var column in promised)
        {
            var actual = delivered.Single(c => c.Name == column.Name);
            Assert.That((actual.Kind, actual.ItemType, actual.IsKey), Is.EqualTo((column.Kind, column.ItemType, column.IsKey)), $"shape of '{column.Name}'");
            Assert.That(actual.Annotations.Select(a => a.Name), Is.SupersetOf(column.Annotations.Select(a => a.Name)), $"annotations of '{column.Name}'");
        }

        DataViewAssert.SameSchema(transformer.GetOutputSchema(validInput.Schema), output.Schema);

        // Invalid input fails at every entry point, with a message that says what is wrong.
        foreach (var (what, action) in new (string, Action)[]
        {
            ("GetOutputSchema(SchemaShape)", () => estimator.GetOutputSchema(SchemaShapeColumns.FromSchema(invalidInput.Schema))),
            ("Fit", () => estimator.Fit(invalidInput)),
            ("Transform", () => transformer.Transform(invalidInput)),
            ("GetOutputSchema(DataViewSchema)", () => transformer.GetOutputSchema(invalidInput.Schema)),
        })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(action, what);
            foreach (var part in expectedMessageParts)
            {
                Assert.That(e!.Message, Does.Contain(part), what);
            }
        }

        // Save → load in this process, then save the loaded model again: same schema and values each time.
        var loaded = SaveAndLoad(mlContext, transformer, validInput.Schema);
        DataViewAssert.SameValues(output, loaded.Transform(validInput));
        DataViewAssert.SameValues(output, SaveAndLoad(mlContext, loaded, validInput.Schema).Transform(validInput));

        return (transformer, output);
    }

    /// <summary>Round-trips a model through an in-memory model zip with plain <c>mlContext.Model.Save</c>/<c>Load</c>.</summary>
    public static ITransformer SaveAndLoad(MLContext mlContext, ITransformer model, DataViewSchema inputSchema)
    {
        using var stream = new MemoryStream();
        mlContext.Model.Save(model, inputSchema, stream);
        stream.Position = 0;
        var loaded = mlContext.Model.Load(stream, out var loadedSchema);
        DataViewAssert.SameSchema(inputSchema, loadedSchema);
        return loaded;
    }
}
