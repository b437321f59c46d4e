namespace XYield.ML.Training;

/// <summary>Which layers Bi-RPT learns gates for (<see cref="SparsityOptions.GatedLayers"/>).</summary>
public enum BiRptGatedLayers
{
    /// <summary>Every prunable layer: the three convolutions, the hidden linear layer and the head.</summary>
    All,

    /// <summary>
    /// The convolutions only, as in the authors' released code; the linear layers train as plain weights (their existing
    /// masks kept). Much cheaper per step: the hidden linear layer holds most of the network's weights.
    /// </summary>
    Convolutions,
}
