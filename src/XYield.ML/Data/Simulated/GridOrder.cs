namespace XYield.ML.Data.Simulated;

/// <summary>The part of the X-Yield grid made of k-element systems, with its exact sizes.</summary>
/// <param name="Order">k, the number of elements of each system (3…7).</param>
/// <param name="StepPercent">Composition step in at.% (1 for k ≤ 4, 5 otherwise).</param>
/// <param name="Systems">C(11, k): the number of k-element systems in the palette.</param>
/// <param name="CompositionsPerSystem">Grid compositions of one system: C(n+k−1, k−1) with zeros, C(n−1, k−1) strictly positive, n = 100/step.</param>
/// <param name="Points">Systems × compositions per system × the 23 temperatures.</param>
public readonly record struct GridOrder(int Order, int StepPercent, long Systems, long CompositionsPerSystem, long Points)
{
    /// <summary>The number of composition units n = 100 / step.</summary>
    public int Units => 100 / StepPercent;

    /// <summary>Systems × compositions per system (without temperature).</summary>
    public long Compositions => Systems * CompositionsPerSystem;
}
