namespace XYield.ML.Physics;

/// <summary>Which temperature law of the Maresca–Curtin model gave the strength.</summary>
public enum StrengthBranch
{
    /// <summary>No solid-solution strengthening: a pure element (zero misfit), σ_y = 0.</summary>
    None,

    /// <summary>Low-temperature (high-stress) law τ_y = τ_y0 (1 − x^(2/3)), used while it gives ≥ τ_y0/2.</summary>
    LowTemperature,

    /// <summary>High-temperature (low-stress) law τ_y = τ_y0 exp(−x/0.55).</summary>
    HighTemperature,
}
