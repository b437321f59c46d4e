using XYield.ML.Data.Simulated;
namespace XYield.ML.Physics;

/// <summary>The Maresca–Curtin strength of one alloy at one temperature and strain rate, with its intermediates.</summary>
/// <param name="Alloy">The alloy-level quantities (V̄, S, b, μ, ν, τ_y0, ΔE_b).</param>
/// <param name="Temperature">Temperature in K.</param>
/// <param name="StrainRate">Applied strain rate in s⁻¹.</param>
/// <param name="ThermalActivation">x = (k_B T / ΔE_b) ln(ε̇₀/ε̇); 0 for a pure element.</param>
/// <param name="Branch">Which temperature law applied.</param>
/// <param name="ShearStrength">Resolved shear strength τ_y in MPa.</param>
/// <param name="YieldStrength">Uniaxial yield strength σ_y = M τ_y in MPa.</param>
public readonly record struct MarescaCurtinResult(
    AlloyParameters Alloy,
    double Temperature,
    double StrainRate,
    double ThermalActivation,
    StrengthBranch Branch,
    double ShearStrength,
    double YieldStrength);
