using XYield.ML.Chemistry;

namespace XYield.ML.Screening;

/// <summary>The candidates of one forward pass: fractions and temperature of each.</summary>
internal sealed class CandidateBatch(int capacity, int temperatures)
{
    // Whole alloys only: an alloy's temperatures stay in one batch, so the capacity rounds up to a multiple of them.
    private readonly int _capacity = Math.Max(temperatures, capacity - (capacity % temperatures));
    private readonly float[] _fractions = new float[Math.Max(temperatures, capacity - (capacity % temperatures)) * Palette.Count];
    private readonly double[] _kelvin = new double[Math.Max(temperatures, capacity - (capacity % temperatures))];

    public int Capacity => _capacity;

    public int Count { get; private set; }

    public bool IsFull => Count + temperatures > _capacity;

    public void Add(float[] fractions, IReadOnlyList<double> kelvins)
    {
        foreach (var kelvin in kelvins)
        {
            fractions.CopyTo(_fractions.AsSpan(Count * Palette.Count, Palette.Count));
            _kelvin[Count++] = kelvin;
        }
    }

    public ReadOnlySpan<float> Fractions(int i) => _fractions.AsSpan(i * Palette.Count, Palette.Count);

    public double Kelvin(int i) => _kelvin[i];

    public void Clear() => Count = 0;
}
