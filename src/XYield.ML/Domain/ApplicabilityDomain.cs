using System.Globalization;
using XYield.ML.Chemistry;

namespace XYield.ML.Domain;

/// <summary>
/// How far a candidate lies from the data a model was trained on, so a prediction can say when it extrapolates. Learned
/// from the training points: the temperature range, the elements seen, the range of element counts, and the distinct
/// training compositions.
/// </summary>
/// <remarks>
/// A candidate is in the domain when all of these hold: its temperature lies in the training range; every element it
/// contains occurs in some training alloy; its number of elements lies in the training range; and its composition
/// distance to the nearest training composition is at most <see cref="DistanceThreshold"/>. The distance is half the L1
/// distance of the palette fractions (the total-variation distance: 0 for the same alloy, 1 for alloys sharing no
/// element). The threshold is the 95th percentile of the training compositions' own leave-one-out nearest-neighbour
/// distances, so about one training alloy in twenty would itself sit at the edge: the rule adapts to how densely the
/// training data cover composition space (a 25-point split is sparse, all 238 points much denser). A flag is a warning,
/// not a verdict: the network still answers, and an ensemble's spread says how much to trust the answer.
/// </remarks>
public sealed class ApplicabilityDomain
{
    /// <summary>The percentile of the leave-one-out nearest-neighbour distances used as <see cref="DistanceThreshold"/>.</summary>
    public const double ThresholdPercentile = 0.95;

    private readonly float[][] _compositions;
    private readonly bool[] _elementSeen;

    private ApplicabilityDomain(float[][] compositions, double minKelvin, double maxKelvin, int minElements, int maxElements, double threshold)
    {
        _compositions = compositions;
        MinTemperature = minKelvin;
        MaxTemperature = maxKelvin;
        MinElementCount = minElements;
        MaxElementCount = maxElements;
        DistanceThreshold = threshold;
        _elementSeen = new bool[Palette.Count];
        foreach (var composition in compositions)
        {
            for (var i = 0; i < Palette.Count; i++)
            {
                _elementSeen[i] |= composition[i] > 0;
            }
        }
    }

    /// <summary>The lowest training temperature, K.</summary>
    public double MinTemperature { get; }

    /// <summary>The highest training temperature, K.</summary>
    public double MaxTemperature { get; }

    /// <summary>The fewest elements of a training alloy.</summary>
    public int MinElementCount { get; }

    /// <summary>The most elements of a training alloy.</summary>
    public int MaxElementCount { get; }

    /// <summary>The largest composition distance to the nearest training alloy that counts as in the domain.</summary>
    public double DistanceThreshold { get; }

    /// <summary>The number of distinct training compositions.</summary>
    public int CompositionCount => _compositions.Length;

    /// <summary>The palette elements that occur in some training alloy.</summary>
    public IReadOnlyList<string> Elements => Palette.Symbols.Where((_, i) => _elementSeen[i]).ToArray();

    /// <summary>Learns the domain from training points (palette fractions and temperature in K).</summary>
    /// <param name="points">The training points; at least one.</param>
    /// <exception cref="ArgumentException">No points, a fraction vector of the wrong length, or a non-finite value.</exception>
    public static ApplicabilityDomain Learn(IEnumerable<(float[] Fractions, double Kelvin)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("The applicability domain needs at least one training point.", nameof(points));
        }

        foreach (var (fractions, kelvin) in list)
        {
            if (fractions is null || fractions.Length != Palette.Count || !fractions.All(float.IsFinite) || !double.IsFinite(kelvin))
            {
                throw new ArgumentException($"Every training point needs {Palette.Count} finite palette fractions and a finite temperature.", nameof(points));
            }
        }

        // Distinct compositions: a composition measured at several temperatures counts once.
        var distinct = list.Select(p => p.Fractions).DistinctBy(f => string.Join(',', f.Select(v => MathF.Round(v, 4)))).Select(f => (float[])f.Clone()).ToArray();
        var counts = distinct.Select(ElementCountOf).ToArray();
        return new ApplicabilityDomain(
            distinct, list.Min(p => p.Kelvin), list.Max(p => p.Kelvin), counts.Min(), counts.Max(), LeaveOneOutThreshold(distinct));
    }

    /// <summary>Where the candidate lies relative to the training data.</summary>
    /// <param name="fractions">Palette-ordered fractions (11 values summing to 1).</param>
    /// <param name="kelvin">Temperature in K.</param>
    public DomainAssessment Assess(ReadOnlySpan<float> fractions, double kelvin)
    {
        if (fractions.Length != Palette.Count)
        {
            throw new ArgumentException($"Expected {Palette.Count} palette fractions, got {fractions.Length}.", nameof(fractions));
        }

        var (distance, nearest) = Nearest(fractions, _compositions, skip: -1);
        var reasons = new List<string>(4);
        var inv = CultureInfo.InvariantCulture;
        if (!(kelvin >= MinTemperature && kelvin <= MaxTemperature))
        {
            reasons.Add(string.Create(inv, $"{kelvin:0.##} K is outside the training temperatures {MinTemperature:0.##}–{MaxTemperature:0.##} K"));
        }

        var unseen = new List<string>();
        for (var i = 0; i < Palette.Count; i++)
        {
            if (fractions[i] > 0 && !_elementSeen[i])
            {
                unseen.Add(Palette.Symbols[i]);
            }
        }

        if (unseen.Count > 0)
        {
            reasons.Add($"{string.Join(", ", unseen)} {(unseen.Count == 1 ? "is" : "are")} in no training alloy");
        }

        var count = ElementCountOf(fractions);
        if (count < MinElementCount || count > MaxElementCount)
        {
            reasons.Add(string.Create(inv, $"{count} elements (training alloys have {MinElementCount}–{MaxElementCount})"));
        }

        if (distance > DistanceThreshold + 1e-6)
        {
            reasons.Add(string.Create(inv, $"composition distance {distance:0.###} to the nearest training alloy {Describe(_compositions[nearest])} exceeds {DistanceThreshold:0.###}"));
        }

        return new DomainAssessment(reasons.Count == 0, (float)distance, string.Join("; ", reasons));
    }

    /// <summary>Writes the domain (for a transformer's model file).</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(MinTemperature);
        writer.Write(MaxTemperature);
        writer.Write(MinElementCount);
        writer.Write(MaxElementCount);
        writer.Write(DistanceThreshold);
        writer.Write(_compositions.Length);
        foreach (var composition in _compositions)
        {
            foreach (var value in composition)
            {
                writer.Write(value);
            }
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="InvalidDataException"/> on anything implausible.</summary>
    internal static ApplicabilityDomain Read(BinaryReader reader)
    {
        var minKelvin = reader.ReadDouble();
        var maxKelvin = reader.ReadDouble();
        var minElements = reader.ReadInt32();
        var maxElements = reader.ReadInt32();
        var threshold = reader.ReadDouble();
        var count = reader.ReadInt32();
        if (!(minKelvin <= maxKelvin) || minElements < 1 || maxElements < minElements || maxElements > Palette.Count
            || !(threshold is >= 0 and <= 1) || count is < 1 or > 1_000_000)
        {
            throw new InvalidDataException("The saved applicability domain is corrupt (its ranges or composition count are impossible).");
        }

        var compositions = new float[count][];
        for (var c = 0; c < count; c++)
        {
            compositions[c] = new float[Palette.Count];
            for (var i = 0; i < Palette.Count; i++)
            {
                var value = reader.ReadSingle();
                compositions[c][i] = float.IsFinite(value) && value >= 0 ? value
                    : throw new InvalidDataException("The saved applicability domain is corrupt (a composition holds an invalid fraction).");
            }
        }

        return new ApplicabilityDomain(compositions, minKelvin, maxKelvin, minElements, maxElements, threshold);
    }

    private static double LeaveOneOutThreshold(float[][] compositions)
    {
        if (compositions.Length < 2)
        {
            return 0;
        }

        var distances = compositions.Select((c, i) => Nearest(c, compositions, skip: i).Distance).Order().ToArray();
        var index = (int)Math.Ceiling(ThresholdPercentile * distances.Length) - 1;
        return distances[Math.Clamp(index, 0, distances.Length - 1)];
    }

    private static (double Distance, int Index) Nearest(ReadOnlySpan<float> fractions, float[][] compositions, int skip)
    {
        var best = double.MaxValue;
        var at = 0;
        for (var c = 0; c < compositions.Length; c++)
        {
            if (c == skip)
            {
                continue;
            }

            var sum = 0.0;
            var other = compositions[c];
            for (var i = 0; i < fractions.Length; i++)
            {
                sum += Math.Abs(fractions[i] - other[i]);
            }

            if (sum < best)
            {
                best = sum;
                at = c;
            }
        }

        return (best / 2, at);
    }

    private static int ElementCountOf(ReadOnlySpan<float> fractions)
    {
        var count = 0;
        foreach (var value in fractions)
        {
            count += value > 0 ? 1 : 0;
        }

        return count;
    }

    private static int ElementCountOf(float[] fractions) => ElementCountOf(fractions.AsSpan());

    private static string Describe(float[] fractions) =>
        Composition.FromPaletteFractions(fractions.Select(v => (double)v).ToArray()).ToString(CompositionFormat.Compact);
}

/// <summary>Where one candidate lies relative to a model's training data.</summary>
/// <param name="InDomain">True when no rule of <see cref="ApplicabilityDomain"/> flags it.</param>
/// <param name="Distance">Composition distance to the nearest training alloy (0 … 1).</param>
/// <param name="Note">Why it is outside, rules joined by "; "; empty when in the domain.</param>
public readonly record struct DomainAssessment(bool InDomain, float Distance, string Note);
