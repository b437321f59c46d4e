using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;

namespace XYield.ML.Transforms;

/// <summary>
/// Where each element's fraction goes in the 9 × 18 plane of the pseudo-image: the periodic table itself (PTR)
/// or a fixed, seeded shuffle of the element→cell assignment (RPTR, the paper's choice; Zheng et al. 2018,
/// ref. [51] of Chen et al., CPAL 2024). The layout is saved with every transformer that uses it.
/// </summary>
public sealed class PseudoImageLayout : IEquatable<PseudoImageLayout>
{
    private readonly int[] _cellByAtomicNumber;

    private PseudoImageLayout(int[] cellByAtomicNumber, int? seed)
    {
        _cellByAtomicNumber = cellByAtomicNumber;
        Seed = seed;
    }

    /// <summary>The periodic-table representation (PTR): every element at its own cell of <see cref="PeriodicTable"/>.</summary>
    public static PseudoImageLayout Standard { get; } = new(PeriodicTable.Elements.Select(e => e.Cell.Index).ToArray(), null);

    /// <summary>The seed of the RPTR shuffle, or null for PTR.</summary>
    public int? Seed { get; }

    /// <summary>"PTR" or "RPTR(seed)".</summary>
    public string Name => Seed is { } s ? $"RPTR({s})" : "PTR";

    /// <summary>
    /// The randomised periodic-table representation: the 118 element cells permuted by a Fisher–Yates shuffle
    /// seeded with <paramref name="seed"/>. The same seed gives the same layout on every machine and .NET version.
    /// </summary>
    public static PseudoImageLayout Randomized(int seed)
    {
        var cells = PeriodicTable.Elements.Select(e => e.Cell.Index).ToArray();
        var random = new SplitMix64((ulong)(uint)seed);
        for (var i = cells.Length - 1; i > 0; i--)
        {
            var j = (int)random.NextBelow((ulong)(i + 1));
            (cells[i], cells[j]) = (cells[j], cells[i]);
        }

        return new PseudoImageLayout(cells, seed);
    }

    /// <summary>Rebuilds a saved layout; checks that it assigns 118 distinct cells of the grid.</summary>
    public static PseudoImageLayout FromCells(IReadOnlyList<int> cellByAtomicNumber, int? seed)
    {
        ArgumentNullException.ThrowIfNull(cellByAtomicNumber);
        if (cellByAtomicNumber.Count != PeriodicTable.Elements.Count ||
            cellByAtomicNumber.Any(c => c < 0 || c >= PseudoImageShape.PlaneLength) ||
            cellByAtomicNumber.Distinct().Count() != cellByAtomicNumber.Count)
        {
            throw new InvalidDataException(
                $"A pseudo-image layout must give {PeriodicTable.Elements.Count} distinct cells in 0..{PseudoImageShape.PlaneLength - 1}, one per element.");
        }

        return new PseudoImageLayout(cellByAtomicNumber.ToArray(), seed);
    }

    /// <summary>The cell (row-major index in one 9 × 18 plane) of each element, by atomic number − 1.</summary>
    public IReadOnlyList<int> CellsByAtomicNumber => _cellByAtomicNumber;

    /// <summary>The cell index of <paramref name="element"/>.</summary>
    public int CellOf(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return _cellByAtomicNumber[element.AtomicNumber - 1];
    }

    /// <inheritdoc />
    public bool Equals(PseudoImageLayout? other) =>
        other is not null && Seed == other.Seed && _cellByAtomicNumber.AsSpan().SequenceEqual(other._cellByAtomicNumber);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PseudoImageLayout);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Seed, _cellByAtomicNumber[0], _cellByAtomicNumber[^1]);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>
    /// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose output is fixed by its definition, so a saved
    /// RPTR seed means the same layout forever (System.Random's seeded stream is an implementation detail).
    /// </summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound) by rejection, without modulo bias.</summary>
        public ulong NextBelow(ulong bound)
        {
            var limit = ulong.MaxValue - (ulong.MaxValue % bound);
            ulong x;
            do
            {
                x = Next();
            }
            while (x >= limit);
            return x % bound;
        }
    }
}
