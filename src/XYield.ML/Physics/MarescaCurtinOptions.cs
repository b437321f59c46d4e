namespace XYield.ML.Physics;

/// <summary>
/// Settings of the Maresca–Curtin BCC edge-dislocation model. The defaults are the normative choices of the
/// X-Yield simulator (BCC line tension α = 1/12, Taylor factor 3.067, ε̇ = 1e-3 s⁻¹ against ε̇₀ = 1e4 s⁻¹; after
/// F. Maresca &amp; W.A. Curtin, Acta Mater. 182 (2020) 235–249); change them only for sensitivity studies.
/// </summary>
public sealed class MarescaCurtinOptions
{
    /// <summary>Boltzmann constant in eV/K (CODATA 2018).</summary>
    public const double BoltzmannConstant = 8.617333262e-5;

    /// <summary>One electronvolt in GPa·Å³.</summary>
    public const double ElectronVoltInGpaCubicAngstrom = 160.21766208;

    /// <summary>Applied strain rate ε̇ in s⁻¹. Default 1e-3.</summary>
    public double StrainRate { get; set; } = 1e-3;

    /// <summary>Reference strain rate ε̇₀ in s⁻¹. Default 1e4.</summary>
    public double ReferenceStrainRate { get; set; } = 1e4;

    /// <summary>Line-tension parameter α. Default 1/12, MC's BCC value.</summary>
    public double LineTension { get; set; } = 1.0 / 12.0;

    /// <summary>Prefactor of the zero-temperature strength τ_y0. Default 0.040.</summary>
    public double StrengthPrefactor { get; set; } = 0.040;

    /// <summary>Prefactor of the energy barrier ΔE_b. Default 2.00.</summary>
    public double EnergyBarrierPrefactor { get; set; } = 2.00;

    /// <summary>Taylor factor M converting resolved shear stress to uniaxial yield strength. Default 3.067.</summary>
    public double TaylorFactor { get; set; } = 3.067;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid member.</summary>
    internal void Validate()
    {
        RequirePositive(ReferenceStrainRate, nameof(ReferenceStrainRate));
        RequireStrainRate(StrainRate, ReferenceStrainRate, nameof(StrainRate));
        RequirePositive(LineTension, nameof(LineTension));
        RequirePositive(StrengthPrefactor, nameof(StrengthPrefactor));
        RequirePositive(EnergyBarrierPrefactor, nameof(EnergyBarrierPrefactor));
        RequirePositive(TaylorFactor, nameof(TaylorFactor));
    }

    internal static void RequireStrainRate(double strainRate, double referenceStrainRate, string name)
    {
        if (!double.IsFinite(strainRate) || strainRate <= 0 || strainRate >= referenceStrainRate)
        {
            throw new ArgumentOutOfRangeException(name, strainRate,
                $"The strain rate must be finite, > 0 and below the reference strain rate {referenceStrainRate:G} s⁻¹.");
        }
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0.");
        }
    }
}
