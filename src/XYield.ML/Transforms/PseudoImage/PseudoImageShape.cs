namespace XYield.ML.Transforms;

/// <summary>
/// The shape of the pseudo-image: 2 channels × 9 rows × 18 columns, channel-major (Chen et al., CPAL 2024).
/// Channel 0 holds element fractions, channel 1 the normalised temperature in every cell.
/// </summary>
public static class PseudoImageShape
{
    /// <summary>Channels: fractions, temperature.</summary>
    public const int Channels = 2;

    /// <summary>Rows: periods 1–7, lanthanides, actinides.</summary>
    public const int Rows = 9;

    /// <summary>Columns: groups 1–18.</summary>
    public const int Columns = 18;

    /// <summary>Values in one channel plane (162).</summary>
    public const int PlaneLength = Rows * Columns;

    /// <summary>Values in one image (324).</summary>
    public const int Length = Channels * PlaneLength;

    /// <summary>
    /// The paper's temperature normalisation: T_norm = (T[K] − 273.15) / 2000, so 0 at 0 °C and 1 at 2273.15 K
    /// (Chen et al., CPAL 2024, "Data Representations").
    /// </summary>
    public static float NormalizeTemperature(double kelvin) => (float)((kelvin - 273.15) / 2000.0);
}
