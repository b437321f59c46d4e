using ScottPlot;

namespace XYield.ML.Benchmark.Report;

/// <summary>How one method is drawn in the report's figures.</summary>
/// <param name="Fill">The marker's colour.</param>
/// <param name="Outline">The marker's edge: the fill itself, or the darker partner of a light colour.</param>
/// <param name="Marker">The marker's shape.</param>
internal readonly record struct MethodStyle(Color Fill, Color Outline, MarkerShape Marker);

/// <summary>
/// A colour and a marker per method, the same in every figure and every report: the 20 colours of Category20 (Tableau 20),
/// the ten strong ones first, then their light partners, each light one with a filled shape other than its partner's and
/// outlined in the partner's colour, so no two of 20 methods look alike and the pairs stay apart in greyscale.
/// </summary>
internal static class MethodStyles
{
    // Category20 alternates strong and light tones of ten hues.
    private static readonly Color[] Category20 = new ScottPlot.Palettes.Category20().Colors;

    private static readonly MarkerShape[] StrongMarkers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.OpenTriangleDown,
    ];

    // Light tones are too pale for open shapes; each takes the next filled shape after its strong partner's.
    private static readonly MarkerShape[] LightMarkers =
    [
        MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown, MarkerShape.FilledCircle,
        MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown, MarkerShape.FilledCircle,
    ];

    /// <summary>The number of distinct styles; more methods than this repeat them.</summary>
    public static int Count => Category20.Length;

    /// <summary>The style at <paramref name="index"/> (modulo <see cref="Count"/>).</summary>
    public static MethodStyle At(int index)
    {
        var i = ((index % Count) + Count) % Count;
        var hue = i % 10;
        var strong = Category20[2 * hue];
        return i < 10
            ? new MethodStyle(strong, strong, StrongMarkers[hue])
            : new MethodStyle(Category20[(2 * hue) + 1], strong, LightMarkers[hue]);
    }

    /// <summary>
    /// The style of each of <paramref name="methods"/>: a method of <see cref="BenchmarkMethods.Names"/> keeps its
    /// position there in every report; other names take the free positions in ordinal order.
    /// </summary>
    public static IReadOnlyDictionary<string, MethodStyle> For(IEnumerable<string> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var names = methods.Distinct().ToArray();
        var known = names.ToDictionary(n => n, n => BenchmarkMethods.Names.ToList().IndexOf(n));
        var free = new Queue<int>(Enumerable.Range(0, Count).Where(i => !known.Values.Any(v => v >= 0 && v % Count == i)));
        var styles = known.Where(k => k.Value >= 0).ToDictionary(k => k.Key, k => At(k.Value));
        var overflow = 0;
        foreach (var name in names.Where(n => known[n] < 0).Order(StringComparer.Ordinal))
        {
            // Past 20 methods the styles repeat.
            styles[name] = At(free.Count > 0 ? free.Dequeue() : overflow++);
        }

        return styles;
    }
}
