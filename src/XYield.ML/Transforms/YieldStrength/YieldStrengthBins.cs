using System.Globalization;

namespace XYield.ML.Transforms;

/// <summary>
/// Half-open yield-strength bins [0, e1), [e1, e2), …, [en, ∞) GPa given by their inner edges, numbered
/// 1…n+1 as ML.NET key values (0 is reserved for missing).
/// </summary>
internal sealed class YieldStrengthBins
{
    private readonly double[] _edgesGpa;

    /// <summary>Validates the edges: at least one, finite, positive, strictly increasing.</summary>
    /// <param name="edgesGpa">The inner edges in GPa.</param>
    /// <param name="memberName">The option name for messages.</param>
    public YieldStrengthBins(IReadOnlyList<double>? edgesGpa, string memberName)
    {
        if (edgesGpa is null || edgesGpa.Count == 0)
        {
            throw new ArgumentOutOfRangeException(memberName, "At least one bin edge (in GPa) is required.");
        }

        for (var i = 0; i < edgesGpa.Count; i++)
        {
            var edge = edgesGpa[i];
            if (!double.IsFinite(edge) || edge <= 0)
            {
                throw new ArgumentOutOfRangeException(memberName, edge, $"Bin edge {i} is {Format(edge)}; edges must be finite and greater than 0 GPa (the first bin starts at 0).");
            }

            if (i > 0 && edge <= edgesGpa[i - 1])
            {
                throw new ArgumentOutOfRangeException(memberName, edge, $"Bin edge {i} is {Format(edge)}, not greater than edge {i - 1} ({Format(edgesGpa[i - 1])}); edges must be strictly increasing.");
            }
        }

        _edgesGpa = [.. edgesGpa];
        Labels = BuildLabels(_edgesGpa);
    }

    /// <summary>The inner edges in GPa.</summary>
    public IReadOnlyList<double> EdgesGpa => _edgesGpa;

    /// <summary>The number of bins (edges + 1).</summary>
    public int Count => _edgesGpa.Length + 1;

    /// <summary>The bin labels in key order, e.g. "[0, 0.5) GPa" … "[2, ∞) GPa".</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The 1-based key of the bin holding <paramref name="gpa"/> (finite, non-negative).</summary>
    public uint KeyOf(double gpa)
    {
        // A handful of edges: a linear scan beats a binary search and keeps ties on the upper bin.
        var key = 1u;
        foreach (var edge in _edgesGpa)
        {
            if (gpa < edge)
            {
                break;
            }

            key++;
        }

        return key;
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string[] BuildLabels(double[] edges)
    {
        var labels = new string[edges.Length + 1];
        var lower = "0";
        for (var i = 0; i < edges.Length; i++)
        {
            labels[i] = $"[{lower}, {Format(edges[i])}) GPa";
            lower = Format(edges[i]);
        }

        labels[^1] = $"[{lower}, ∞) GPa";
        return labels;
    }
}
