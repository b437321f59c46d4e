namespace XYield.ML.Models;

/// <summary>The index of the largest value (the first on ties): the predicted class of a row of scores.</summary>
/// <remarks>
/// Written out rather than taken from System.Numerics.Tensors: XYield.ML would then compile against whatever patch
/// version of that package it restored, and an application that resolves an older one (ML.NET asks for 9.0.4) fails
/// to load it when the first class is predicted.
/// </remarks>
internal static class ArgMax
{
    public static int Of(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("ArgMax needs at least one value.", nameof(values));
        }

        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
