using System.Globalization;
using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;

namespace XYield.ML.Screening;

/// <summary>
/// The alloys and temperatures to screen: every alloy of <see cref="MinElements"/> to <see cref="MaxElements"/> of the
/// allowed <see cref="Elements"/>, each present element a positive multiple of the composition step, the fractions summing
/// to 1 and within the per-element <see cref="Bounds"/>, at each of the <see cref="Temperatures"/>. Candidates are
/// enumerated on the fly, never held in memory.
/// </summary>
public sealed record CandidateSpace
{
    /// <summary>The elements an alloy may contain (palette symbols). Default: all 11.</summary>
    public IReadOnlyList<string> Elements { get; init; } = Palette.Symbols;

    /// <summary>The fewest elements of an alloy (≥ 1). Default 3.</summary>
    public int MinElements { get; init; } = 3;

    /// <summary>The most elements of an alloy (≤ the number of <see cref="Elements"/>). Default 5.</summary>
    public int MaxElements { get; init; } = 5;

    /// <summary>The composition step in at.% (a divisor of 100). Default 5.</summary>
    public int StepPercent { get; init; } = 5;

    /// <summary>Per element count, a step that overrides <see cref="StepPercent"/> (the paper's grid: 1 % for 3–4 elements, 5 % above). Default none.</summary>
    public IReadOnlyDictionary<int, int>? StepPercentByElementCount { get; init; }

    /// <summary>Per element, the allowed fraction range when it is present, e.g. Mo ∈ [0.1, 0.4]. Default none.</summary>
    public IReadOnlyDictionary<string, (double Min, double Max)> Bounds { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>The temperatures in K at which each alloy is screened. Default 1500 K.</summary>
    public IReadOnlyList<double> Temperatures { get; init; } = [1500];

    /// <summary>
    /// The paper's composition grid without zeros (grid A): 3–4 elements in 1 at.% steps, 5–7 elements in 5 at.% steps, at
    /// the given temperatures (default: the grid's 300, 400, …, 2500 K).
    /// </summary>
    public static CandidateSpace PaperGrid(IReadOnlyList<double>? temperatures = null) => new()
    {
        MinElements = SimulatedGrid.MinOrder,
        MaxElements = SimulatedGrid.MaxOrder,
        StepPercentByElementCount = Enumerable.Range(SimulatedGrid.MinOrder, SimulatedGrid.MaxOrder - SimulatedGrid.MinOrder + 1)
            .ToDictionary(k => k, SimulatedGrid.StepPercent),
        Temperatures = temperatures ?? SimulatedGrid.Temperatures,
    };

    /// <summary>The step used for alloys of <paramref name="elementCount"/> elements.</summary>
    public int StepFor(int elementCount) => StepPercentByElementCount?.GetValueOrDefault(elementCount, StepPercent) ?? StepPercent;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Elements is null || Elements.Count == 0 || Elements.Distinct(StringComparer.Ordinal).Count() != Elements.Count)
        {
            throw new ArgumentException("CandidateSpace.Elements must list distinct palette elements.");
        }

        foreach (var symbol in Elements.Concat(Bounds.Keys))
        {
            if (Palette.IndexOf(symbol) < 0)
            {
                throw new ArgumentException($"'{symbol}' is not a palette element; expected one of {string.Join(", ", Palette.Symbols)}.");
            }
        }

        if (MinElements < 1 || MaxElements < MinElements || MaxElements > Elements.Count)
        {
            throw new ArgumentException(Format($"Element counts {MinElements}–{MaxElements} do not fit: expected 1 ≤ min ≤ max ≤ {Elements.Count} (the number of allowed elements)."));
        }

        for (var k = MinElements; k <= MaxElements; k++)
        {
            var step = StepFor(k);
            if (step < 1 || step > 100 || 100 % step != 0)
            {
                throw new ArgumentException(Format($"The composition step {step} at.% must divide 100 (1, 2, 4, 5, 10, 20, 25 or 50)."));
            }

            if (100 / step < k)
            {
                throw new ArgumentException(Format($"A {step} at.% step cannot make alloys of {k} elements (each needs at least one step)."));
            }
        }

        foreach (var (symbol, (min, max)) in Bounds)
        {
            if (!(min >= 0 && max <= 1 && min <= max))
            {
                throw new ArgumentException(Format($"The bounds of {symbol} must satisfy 0 ≤ min ≤ max ≤ 1; got {min}–{max}."));
            }
        }

        if (Temperatures is null || Temperatures.Count == 0 || Temperatures.Any(t => !double.IsFinite(t) || t <= 0))
        {
            throw new ArgumentException("CandidateSpace.Temperatures must hold at least one finite temperature above 0 K.");
        }
    }

    /// <summary>The number of alloys × temperatures, counted without holding them (bounded spaces are enumerated, which takes a moment for millions).</summary>
    public long Count(CancellationToken cancellation = default)
    {
        Validate();
        long alloys = 0;
        if (Bounds.Count == 0)
        {
            for (var k = MinElements; k <= MaxElements; k++)
            {
                alloys += checked(SimulatedGrid.Binomial(Elements.Count, k) * SimulatedGrid.Binomial((100 / StepFor(k)) - 1, k - 1));
            }
        }
        else
        {
            foreach (var _ in Alloys(cancellation))
            {
                alloys++;
            }
        }

        return checked(alloys * Temperatures.Count);
    }

    /// <summary>
    /// Every alloy of the space as palette-ordered fractions. The same array is refilled for each alloy: copy it to keep it.
    /// </summary>
    public IEnumerable<float[]> Alloys(CancellationToken cancellation = default)
    {
        Validate();
        var indices = Elements.Select(Palette.IndexOf).Order().ToArray();
        var bounds = new (double Min, double Max)[Palette.Count];
        for (var i = 0; i < Palette.Count; i++)
        {
            bounds[i] = Bounds.TryGetValue(Palette.Symbols[i], out var b) ? b : (0, 1);
        }

        var fractions = new float[Palette.Count];
        for (var k = MinElements; k <= MaxElements; k++)
        {
            var units = 100 / StepFor(k);
            var system = Combinations.First(k);
            do
            {
                cancellation.ThrowIfCancellationRequested();
                // k positive parts of `units` ↔ k − 1 cut points among the units − 1 gaps.
                var cuts = Combinations.First(k - 1);
                do
                {
                    Array.Clear(fractions);
                    var previous = 0;
                    var inBounds = true;
                    for (var j = 0; j < k && inBounds; j++)
                    {
                        var cut = j < k - 1 ? cuts[j] + 1 : units;
                        var element = indices[system[j]];
                        var value = (double)(cut - previous) / units;
                        fractions[element] = (float)value;
                        inBounds = value >= bounds[element].Min - 1e-9 && value <= bounds[element].Max + 1e-9;
                        previous = cut;
                    }

                    if (inBounds)
                    {
                        yield return fractions;
                    }
                }
                while (Combinations.Next(cuts, units - 1));
            }
            while (Combinations.Next(system, indices.Length));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
