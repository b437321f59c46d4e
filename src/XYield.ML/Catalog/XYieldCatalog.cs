using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Transforms;

namespace XYield.ML;

/// <summary>The XYield.ML transforms on <c>mlContext.Transforms</c>: formula → fractions → pseudo-image, and yield-strength classes.</summary>
public static class XYieldCatalog
{
    /// <summary>
    /// Bins a yield strength into the X-Yield classes [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2), [2, ∞) GPa as a
    /// key-typed label (keys 1…5, named by <c>KeyValues</c>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The key-typed column to add.</param>
    /// <param name="inputColumnName">The yield-strength column (Single or Double); null means <paramref name="outputColumnName"/>.</param>
    /// <param name="unit">The unit of the input column.</param>
    /// <returns>The estimator; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <remarks>
    /// <include file='Docs/Transforms.xml' path='remarks/binning/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var labelled = mlContext.Transforms.BinYieldStrength("Label", "YieldStrength").Fit(data).Transform(data);
    /// </code>
    /// </example>
    public static YieldStrengthBinningEstimator BinYieldStrength(
        this TransformsCatalog catalog,
        string outputColumnName = "Label",
        string? inputColumnName = "YieldStrength",
        YieldStrengthUnit unit = YieldStrengthUnit.Gigapascal)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new YieldStrengthBinningEstimator(new YieldStrengthBinningEstimator.Options
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName ?? outputColumnName,
            Unit = unit,
        });
    }

    /// <summary>Bins a yield strength into key-typed classes with the given <paramref name="options"/> (custom edges, unit, columns).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The estimator; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <exception cref="ArgumentException">An option is invalid (named in the message).</exception>
    /// <remarks>
    /// <include file='Docs/Transforms.xml' path='remarks/binning/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var hardOrSoft = mlContext.Transforms.BinYieldStrength(new YieldStrengthBinningEstimator.Options
    /// {
    ///     InputColumnName = "YieldStrengthMPa",
    ///     Unit = YieldStrengthUnit.Megapascal,
    ///     EdgesGpa = [1.0],   // two classes: below and above 1 GPa
    /// });
    /// </code>
    /// </example>
    public static YieldStrengthBinningEstimator BinYieldStrength(this TransformsCatalog catalog, YieldStrengthBinningEstimator.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new YieldStrengthBinningEstimator(options);
    }

    /// <summary>
    /// Turns alloy formulas into a vector of element fractions over the X-Yield palette (11 slots, palette order) or all
    /// 118 elements, with the symbols as slot names.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The fractions column to add.</param>
    /// <param name="inputColumnName">The formula column (Text); null means <paramref name="outputColumnName"/>.</param>
    /// <param name="elements">Which elements get a slot.</param>
    /// <returns>The estimator; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <remarks>
    /// <include file='Docs/Transforms.xml' path='remarks/composition/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var fractions = mlContext.Transforms.FeaturizeComposition("Fractions", "Formula").Fit(data).Transform(data);
    /// </code>
    /// </example>
    public static CompositionFeaturizingEstimator FeaturizeComposition(
        this TransformsCatalog catalog,
        string outputColumnName = "Fractions",
        string? inputColumnName = "Formula",
        ElementSet elements = ElementSet.Palette)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CompositionFeaturizingEstimator(new CompositionFeaturizingEstimator.Options
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName ?? outputColumnName,
            Elements = elements,
        });
    }

    /// <summary>Turns alloy formulas into element fractions with the given <paramref name="options"/> (element set, invalid-row handling).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The estimator; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <exception cref="ArgumentException">An option is invalid (named in the message).</exception>
    /// <remarks>
    /// <include file='Docs/Transforms.xml' path='remarks/composition/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var lenient = mlContext.Transforms.FeaturizeComposition(new CompositionFeaturizingEstimator.Options
    /// {
    ///     Elements = ElementSet.All,                  // 118 slots by atomic number
    ///     InvalidRows = InvalidRowHandling.Skip,      // drop and count unreadable formulas
    /// });
    /// </code>
    /// </example>
    public static CompositionFeaturizingEstimator FeaturizeComposition(this TransformsCatalog catalog, CompositionFeaturizingEstimator.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CompositionFeaturizingEstimator(options);
    }

    /// <summary>
    /// Turns element fractions and a temperature (K) into the 2 × 9 × 18 periodic-table pseudo-image of the X-Yield
    /// benchmark: fractions at their cells (RPTR with <paramref name="randomizedLayoutSeed"/> by default, or PTR),
    /// (T − 273.15) / 2000 in the second channel.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column to add.</param>
    /// <param name="fractionsColumnName">Vector&lt;Single, 11&gt; palette fractions or Vector&lt;Single, 118&gt; by atomic number.</param>
    /// <param name="temperatureColumnName">The temperature in kelvin (Single or Double).</param>
    /// <param name="layout">RPTR (the paper's choice) or PTR.</param>
    /// <param name="randomizedLayoutSeed">The seed of the RPTR shuffle.</param>
    /// <returns>The estimator; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <remarks>
    /// <include file='Docs/Transforms.xml' path='remarks/pseudoImage/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var raw = SimulatedDataset.CreateDataView(1_000, seed: 0);   // Fractions, Temperature, YieldStrength
    /// var images = mlContext.Transforms.FeaturizePseudoImage().Fit(raw).Transform(raw);
    /// </code>
    /// </example>
    public static PseudoImageFeaturizingEstimator FeaturizePseudoImage(
        this TransformsCatalog catalog,
        string outputColumnName = "Image",
        string fractionsColumnName = "Fractions",
        string temperatureColumnName = "Temperature",
        PseudoImageLayoutKind layout = PseudoImageLayoutKind.Randomized,
        int randomizedLayoutSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PseudoImageFeaturizingEstimator(new PseudoImageFeaturizingEstimator.Options
        {
            OutputColumnName = outputColumnName,
            FractionsColumnName = fractionsColumnName,
            TemperatureColumnName = temperatureColumnName,
            Layout = layout,
            RandomizedLayoutSeed = randomizedLayoutSeed,
        });
    }

    /// <summary>Makes pseudo-images with the given <paramref name="options"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The estimator; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <exception cref="ArgumentException">An option is invalid (named in the message).</exception>
    /// <remarks>
    /// <include file='Docs/Transforms.xml' path='remarks/pseudoImage/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var ptr = mlContext.Transforms.FeaturizePseudoImage(new PseudoImageFeaturizingEstimator.Options
    /// {
    ///     Layout = PseudoImageLayoutKind.Standard,   // the periodic table as it is, not shuffled
    ///     TemperatureColumnName = "T_K",
    /// });
    /// </code>
    /// </example>
    public static PseudoImageFeaturizingEstimator FeaturizePseudoImage(this TransformsCatalog catalog, PseudoImageFeaturizingEstimator.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PseudoImageFeaturizingEstimator(options);
    }

    /// <summary>
    /// The featurising pipeline of a saved X-Yield model: alloy formulas ("Formula", Text) → palette fractions
    /// (<see cref="FeaturizeComposition(TransformsCatalog, string, string?, ElementSet)"/>) → the 2 × 9 × 18 RPTR pseudo-image
    /// "Image" with the temperature ("Temperature", K) (<see cref="FeaturizePseudoImage(TransformsCatalog, string, string, string, PseudoImageLayoutKind, int)"/>),
    /// all with their default columns and layout seed. Append a YieldCnn trainer to it, as <c>xyield train</c> does.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <returns>The two-step chain; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <remarks>
    /// Input: <c>Formula</c> (Text) and <c>Temperature</c> (Single or Double, K). Output: <c>Fractions</c> (Vector&lt;Single, 11&gt;)
    /// and <c>Image</c> (Vector&lt;Single, 324&gt;, 2 × 9 × 18), the feature column every YieldCnn trainer reads by default.
    /// <include file='Docs/Transforms.xml' path='remarks/pseudoImage/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.FeaturizeAlloy()
    ///     .Append(mlContext.Regression.Trainers.YieldCnn(labelColumnName: "YieldStrength"));
    /// </code>
    /// </example>
    public static EstimatorChain<PseudoImageFeaturizingTransformer> FeaturizeAlloy(this TransformsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.FeaturizeComposition().Append(catalog.FeaturizePseudoImage());
    }

    /// <summary>
    /// The featurising pipeline with the given settings for both steps: formulas → fractions (<paramref name="composition"/>),
    /// then fractions and temperature → pseudo-image (<paramref name="image"/>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="composition">The first step's settings (formula column, element set, invalid rows).</param>
    /// <param name="image">The second step's settings (temperature and image columns, layout); it must read the fractions the first step writes.</param>
    /// <returns>The two-step chain; it learns nothing, so <c>Fit</c> only checks the schema.</returns>
    /// <exception cref="ArgumentNullException">An options object is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> reads another fractions column than <paramref name="composition"/> writes, or an option is invalid.</exception>
    /// <remarks>
    /// <include file='Docs/Transforms.xml' path='remarks/pseudoImage/*'/>
    /// </remarks>
    /// <example>
    /// <code>
    /// var featurizer = mlContext.Transforms.FeaturizeAlloy(
    ///     new CompositionFeaturizingEstimator.Options { InputColumnName = "Alloy" },
    ///     new PseudoImageFeaturizingEstimator.Options { TemperatureColumnName = "T_K", RandomizedLayoutSeed = 7 });
    /// </code>
    /// </example>
    public static EstimatorChain<PseudoImageFeaturizingTransformer> FeaturizeAlloy(
        this TransformsCatalog catalog, CompositionFeaturizingEstimator.Options composition, PseudoImageFeaturizingEstimator.Options image)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(composition);
        ArgumentNullException.ThrowIfNull(image);
        if (!string.Equals(composition.OutputColumnName, image.FractionsColumnName, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The image reads fractions from '{image.FractionsColumnName}' but the composition step writes '{composition.OutputColumnName}'.", nameof(image));
        }

        return catalog.FeaturizeComposition(composition).Append(catalog.FeaturizePseudoImage(image));
    }

    /// <summary>
    /// Learns where the training data lie (temperatures, elements, element counts, compositions) and adds
    /// <c>InDomain</c>, <c>DomainDistance</c> and <c>DomainNote</c> to every scored row; append it after the trainer.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="fractionsColumnName">The palette-fractions column (what <c>FeaturizeComposition</c> adds).</param>
    /// <param name="temperatureColumnName">The temperature column in K.</param>
    /// <returns>The estimator; its transformer is saved with the model.</returns>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.FeaturizeAlloy()
    ///     .Append(mlContext.Regression.Trainers.YieldCnn(labelColumnName: "YieldStrength"))
    ///     .Append(mlContext.Transforms.LearnApplicabilityDomain());
    /// </code>
    /// </example>
    public static ApplicabilityDomainEstimator LearnApplicabilityDomain(
        this TransformsCatalog catalog, string fractionsColumnName = "Fractions", string temperatureColumnName = "Temperature")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ApplicabilityDomainEstimator(fractionsColumnName, temperatureColumnName);
    }
}
