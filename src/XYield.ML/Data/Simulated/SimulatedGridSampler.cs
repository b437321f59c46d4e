using XYield.ML.Chemistry;

namespace XYield.ML.Data.Simulated;

/// <summary>
/// Draws points uniformly from the X-Yield grid (every composition × temperature point equally likely), seeded and
/// deterministic, in four steps: order k with probability ∝ its grid size, a uniform
/// k-subset of the palette, a uniform grid composition by stars and bars, a uniform grid temperature.
/// </summary>
/// <remarks>
/// Not thread-safe: use one sampler per thread. Draws allocate nothing. The stream comes from xoshiro256** seeded by
/// SplitMix64, implemented here, so a seed gives the same points on every run, .NET version and platform; it reproduces
/// the distribution of the Python reference, not its random stream.
/// </remarks>
public sealed class SimulatedGridSampler
{
    private readonly Xoshiro256StarStar _random;
    private readonly GridOrder[] _orders;
    private readonly long[] _cumulativeCompositions;
    private readonly int[] _elements = new int[Palette.Count];
    private readonly int[] _cuts = new int[SimulatedGrid.MaxOrder + 1];

    /// <summary>Creates a sampler of <paramref name="variant"/> seeded with <paramref name="seed"/>.</summary>
    public SimulatedGridSampler(int seed, SimulatedGridVariant variant = SimulatedGridVariant.WithZeros)
    {
        Seed = seed;
        Variant = variant;
        _random = new Xoshiro256StarStar(seed);
        _orders = [.. SimulatedGrid.Orders(variant)];
        _cumulativeCompositions = new long[_orders.Length];
        long sum = 0;
        for (var i = 0; i < _orders.Length; i++)
        {
            sum += _orders[i].Compositions;
            _cumulativeCompositions[i] = sum;
        }

        for (var i = 0; i < Palette.Count; i++)
        {
            _elements[i] = i;
        }
    }

    /// <summary>The seed this sampler started from.</summary>
    public int Seed { get; }

    /// <summary>The grid sampled.</summary>
    public SimulatedGridVariant Variant { get; }

    /// <summary>
    /// Draws the next point: writes its palette-ordered fractions (multiples of the order's step, summing to 1) into
    /// <paramref name="fractions"/> and returns its temperature in K.
    /// </summary>
    /// <param name="fractions">Receives <see cref="Palette.Count"/> fractions.</param>
    /// <param name="order">The order k of the system the point was drawn from (its non-zero count can be lower in grid B).</param>
    public double Next(Span<double> fractions, out int order)
    {
        if (fractions.Length != Palette.Count)
        {
            throw new ArgumentException($"The fraction buffer must hold {Palette.Count} values, got {fractions.Length}.", nameof(fractions));
        }

        // 1. The order, with probability ∝ its number of compositions (the 23 temperatures are common to all).
        var pick = (long)_random.NextBelow((ulong)_cumulativeCompositions[^1]);
        var o = 0;
        while (pick >= _cumulativeCompositions[o])
        {
            o++;
        }

        var k = _orders[o].Order;
        var n = _orders[o].Units;

        // 2. A uniform k-subset: a partial Fisher–Yates shuffle is uniform from any starting permutation, so no reset.
        for (var i = 0; i < k; i++)
        {
            var j = _random.NextInRange(i, Palette.Count);
            (_elements[i], _elements[j]) = (_elements[j], _elements[i]);
        }

        // 3. A uniform composition: k−1 distinct sorted cut positions.
        var withZeros = Variant == SimulatedGridVariant.WithZeros;
        var low = withZeros ? 0 : 1;                   // bars among the n+k−1 slots, or cut points in 1…n−1
        var high = withZeros ? n + k - 1 : n;         // exclusive
        DrawDistinctSorted(_cuts.AsSpan(1, k - 1), low, high);

        fractions.Clear();
        if (withZeros)
        {
            // Stars and bars: part j is the number of stars between bar j−1 and bar j (bar −1 at −1, bar k−1 at n+k−1).
            _cuts[0] = -1;
            _cuts[k] = n + k - 1;
            for (var j = 0; j < k; j++)
            {
                fractions[_elements[j]] = (double)(_cuts[j + 1] - _cuts[j] - 1) / n;
            }
        }
        else
        {
            _cuts[0] = 0;
            _cuts[k] = n;
            for (var j = 0; j < k; j++)
            {
                fractions[_elements[j]] = (double)(_cuts[j + 1] - _cuts[j]) / n;
            }
        }

        // 4. A uniform temperature.
        order = k;
        return SimulatedGrid.Temperatures[_random.NextInRange(0, SimulatedGrid.Temperatures.Count)];
    }

    /// <summary><see cref="Next(Span{double}, out int)"/> without the order.</summary>
    public double Next(Span<double> fractions) => Next(fractions, out _);

    private void DrawDistinctSorted(Span<int> values, int low, int high)
    {
        // Rejection of repeats: at most 6 values among at least 10 slots, so repeats are rare.
        for (var i = 0; i < values.Length; i++)
        {
            int candidate;
            do
            {
                candidate = _random.NextInRange(low, high);
            }
            while (values[..i].Contains(candidate));

            // Insertion keeps the prefix sorted.
            var j = i;
            while (j > 0 && values[j - 1] > candidate)
            {
                values[j] = values[j - 1];
                j--;
            }

            values[j] = candidate;
        }
    }
}
