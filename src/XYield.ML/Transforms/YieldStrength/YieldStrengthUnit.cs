namespace XYield.ML.Transforms;

/// <summary>The unit of a yield-strength column.</summary>
public enum YieldStrengthUnit
{
    /// <summary>Gigapascals (GPa), the unit of the X-Yield benchmark.</summary>
    Gigapascal,

    /// <summary>Megapascals (MPa), the unit of the MPEA data set's <c>PROPERTY: YS (MPa)</c>.</summary>
    Megapascal,
}
