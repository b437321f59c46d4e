namespace XYield.ML.Data.Simulated;

/// <summary>
/// Which reading of the X-Yield composition grid to use: the paper gives the steps and "over three billion" points, and only
/// counting every system's compositions with zeros reaches that number.
/// </summary>
public enum SimulatedGridVariant
{
    /// <summary>
    /// Grid B, the normative one: for every k-element system, every grid composition including zero amounts, systems
    /// counted separately (3,786,764,091 points, matching the paper's "over three billion").
    /// </summary>
    WithZeros,

    /// <summary>Grid A, the strict reading: every listed element strictly &gt; 0 (1,579,570,839 points).</summary>
    StrictlyPositive,
}
