using XYield.ML.Chemistry;

namespace XYield.ML.Tests.Physics;

/// <summary>Palette-ordered fraction vectors from element → amount pairs, until the lead's Composition type is merged.</summary>
internal static class Alloys
{
    public static double[] Of(params (string Symbol, double Amount)[] parts)
    {
        var fractions = new double[Palette.Count];
        foreach (var (symbol, amount) in parts)
        {
            fractions[Palette.IndexOf(symbol)] = amount;
        }

        return fractions;
    }

    public static double[] Equiatomic(params string[] symbols) => Of(symbols.Select(s => (s, 1.0)).ToArray());
}
