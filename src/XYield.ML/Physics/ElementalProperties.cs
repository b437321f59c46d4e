using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;

namespace XYield.ML.Physics;

/// <summary>
/// Room-temperature atomic volume and single-crystal elastic constants of one palette element: the elemental
/// inputs of the Maresca–Curtin model. Volumes come from room-temperature lattice parameters of the stable phase, elastic
/// constants from standard single-crystal compilations (hexagonal values for Ti, Zr and Hf, FCC values for Al).
/// </summary>
/// <param name="Symbol">The element symbol.</param>
/// <param name="AtomicVolume">Atomic volume V_n in Å³/atom.</param>
/// <param name="C11">Elastic constant C11 in GPa.</param>
/// <param name="C12">Elastic constant C12 in GPa.</param>
/// <param name="C44">Elastic constant C44 in GPa.</param>
public readonly record struct ElementalProperties(string Symbol, double AtomicVolume, double C11, double C12, double C44);

/// <summary>
/// The normative elemental table of the X-Yield Maresca–Curtin simulator, one row per palette element in
/// <see cref="Palette"/> order.
/// </summary>
/// <remarks>
/// Atomic volumes are from room-temperature experimental lattice parameters (Pearson/CRC handbook values):
/// V = a³/2 for the BCC metals Cr, Fe, Mo, Nb, Ta, V, W; a³/4 for FCC Al; (√3/4)a²c for HCP Hf, Ti, Zr
/// (volume per atom assumed nearly independent of crystal structure, as in pySSpredict).
/// Elastic constants are room-temperature single-crystal values from Simmons &amp; Wang (1971) and Hirth &amp; Lothe,
/// <i>Theory of Dislocations</i>, Table 13-1: Cr — Bolef &amp; de Klerk; Fe — Rayne &amp; Chandrasekhar;
/// Mo, Ta, W — Featherston &amp; Neighbours; Nb — Carroll; V — Alers / Bolef (rounded);
/// Hf, Ti, Zr — Fisher &amp; Renken (hexagonal constants standing in for cubic ones, a project choice because BCC
/// Ti/Zr/Hf are mechanically unstable); Al — FCC single crystal (project choice).
/// The volumes are the spec's rounded values and are used as given.
/// </remarks>
public static class MarescaCurtinElements
{
    private static readonly ElementalProperties[] Table =
    [
        new("Al", 16.601, 107.3, 60.9, 28.3),
        new("Cr", 12.003, 339.8, 58.6, 99.0),
        new("Fe", 11.777, 231.4, 134.7, 116.4),
        new("Hf", 22.346, 181.1, 77.2, 55.7),
        new("Mo", 15.583, 463.7, 157.8, 109.2),
        new("Nb", 17.975, 246.5, 134.5, 28.73),
        new("Ta", 17.990, 266.3, 158.2, 87.4),
        new("Ti", 17.666, 162.4, 92.0, 46.7),
        new("V", 13.827, 229.0, 119.0, 43.0),
        new("W", 15.855, 522.4, 204.4, 160.6),
        new("Zr", 23.277, 143.4, 72.8, 32.0),
    ];

    /// <summary>The elemental properties in palette order (Al, Cr, Fe, Hf, Mo, Nb, Ta, Ti, V, W, Zr).</summary>
    public static IReadOnlyList<ElementalProperties> All => Table;

    /// <summary>The properties of the palette element at <paramref name="paletteIndex"/>.</summary>
    public static ElementalProperties Get(int paletteIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paletteIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(paletteIndex, Palette.Count);
        return Table[paletteIndex];
    }
}
