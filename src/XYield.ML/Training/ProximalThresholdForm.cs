namespace XYield.ML.Training;

/// <summary>The form of Bi-RPT's proximal soft threshold on the mask scores (<see cref="SparsityOptions.ThresholdForm"/>).</summary>
public enum ProximalThresholdForm
{
    /// <summary>
    /// The paper's Eqs. 11–12: τ_i = τ / |partner_i|, from the ℓ1 relaxation of the joint-mask penalty ‖m_s ⊙ m_t‖, so an
    /// entry the other mask has already made small is shrunk harder.
    /// </summary>
    PartnerScaled,

    /// <summary>The same threshold τ for every entry of both masks, as in the authors' released code.</summary>
    Uniform,
}
