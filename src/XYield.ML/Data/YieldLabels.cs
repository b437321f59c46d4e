using Microsoft.ML;
using XYield.ML.Models;
using XYield.ML.Transforms;

namespace XYield.ML.Data;

/// <summary>
/// The labels of the two X-Yield tasks with the library's default columns: regression learns the
/// <see cref="ColumnNames.YieldStrength"/> column in GPa; classification learns the key-typed <see cref="ClassColumnName"/>
/// of the five yield-strength classes [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2), [2, ∞) GPa (Chen et al., CPAL 2024, §4).
/// </summary>
public static class YieldLabels
{
    /// <summary>The key-typed class label column that <see cref="WithLabel"/> adds for classification: "Label".</summary>
    public const string ClassColumnName = "Label";

    private static readonly YieldStrengthBins Bins = new(YieldStrengthBinningEstimator.Options.DefaultEdgesGpa, nameof(YieldStrengthBinningEstimator.Options.DefaultEdgesGpa));

    /// <summary>The inner edges of the default classes in GPa, the binning transform's defaults.</summary>
    public static IReadOnlyList<double> ClassEdgesGpa => Bins.EdgesGpa;

    /// <summary>The number of default classes: 5.</summary>
    public static int ClassCount => Bins.Count;

    /// <summary>
    /// The 0-based class of a yield strength in GPa; a value on an edge goes to the upper class, as
    /// <see cref="XYieldCatalog.BinYieldStrength(TransformsCatalog, string, string?, YieldStrengthUnit)"/> bins it (whose keys are this + 1).
    /// </summary>
    /// <param name="gpa">A finite, non-negative yield strength in GPa.</param>
    public static int ClassOf(double gpa) => (int)Bins.KeyOf(gpa) - 1;

    /// <summary>The label column a trainer of <paramref name="task"/> reads: "YieldStrength" (GPa) or <see cref="ClassColumnName"/>.</summary>
    /// <param name="task">Regression or classification.</param>
    public static string ColumnName(YieldTask task) => task == YieldTask.Regression ? ColumnNames.YieldStrength : ClassColumnName;

    /// <summary>
    /// <paramref name="data"/> ready for a trainer of <paramref name="task"/>: unchanged for regression; for classification
    /// with the key-typed <see cref="ClassColumnName"/> binned from the "YieldStrength" column (GPa).
    /// </summary>
    /// <param name="ml">The context.</param>
    /// <param name="data">Data with a "YieldStrength" column in GPa.</param>
    /// <param name="task">Regression or classification.</param>
    public static IDataView WithLabel(MLContext ml, IDataView data, YieldTask task)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        return task == YieldTask.Regression ? data : ml.Transforms.BinYieldStrength(ClassColumnName, ColumnNames.YieldStrength).Fit(data).Transform(data);
    }
}
