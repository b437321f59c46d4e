using XYield.ML.Data.Simulated;
namespace XYield.ML.Physics;

/// <summary>
/// The temperature-independent, alloy-level quantities of the Maresca–Curtin model for one composition
/// (Vegard averages, misfit, elastic moduli, τ_y0 and ΔE_b). Compute them once per composition, then evaluate many temperatures.
/// </summary>
/// <param name="MeanAtomicVolume">Vegard mean atomic volume V̄ in Å³.</param>
/// <param name="MisfitVolumeVariance">S = Σ c_n (V_n − V̄)² in Å⁶.</param>
/// <param name="BurgersVector">b = (√3/2)(2V̄)^(1/3) in Å.</param>
/// <param name="ShearModulus">μ = √(C44 (C11 − C12)/2) of the mixed elastic constants, in GPa.</param>
/// <param name="PoissonRatio">ν = (3B − 2μ)/(2(3B + μ)).</param>
/// <param name="ZeroTemperatureStrength">τ_y0 in MPa (resolved shear stress at 0 K).</param>
/// <param name="EnergyBarrier">ΔE_b in eV.</param>
public readonly record struct AlloyParameters(
    double MeanAtomicVolume,
    double MisfitVolumeVariance,
    double BurgersVector,
    double ShearModulus,
    double PoissonRatio,
    double ZeroTemperatureStrength,
    double EnergyBarrier)
{
    /// <summary>True when the alloy has no misfit (a pure element): every strength is 0.</summary>
    public bool IsUnstrengthened => ZeroTemperatureStrength == 0 || EnergyBarrier == 0;
}
