using Microsoft.ML;
using XYield.ML.Transforms;

namespace XYield.ML;

/// <summary>The XYield.ML entry points on <see cref="MLContext"/> catalogs.</summary>
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
    public static YieldStrengthBinningEstimator BinYieldStrength(this TransformsCatalog catalog, YieldStrengthBinningEstimator.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new YieldStrengthBinningEstimator(options);
    }
}
