using Microsoft.ML;

namespace XYield.ML.Tests.Estimators;

/// <summary>
/// Small synthetic alloy tables for trainer tests: six formulas in turn, a random temperature in 300–1500 K, and a yield
/// strength 1.5 − T/2000 GPa plus a per-row offset the test chooses (so folds differ in what they hold out).
/// </summary>
internal static class SyntheticAlloys
{
    public static readonly string[] Formulas = ["MoNbTaW", "HfNbTaTiZr", "MoNbTaTi", "CrMoNbV", "AlMoNbTaTiZr", "NbTaTiV"];

    public sealed class Row
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }

    /// <summary><paramref name="count"/> rows; row i's strength is shifted by <paramref name="offset"/>(i) (none by default).</summary>
    public static Row[] Rows(int count, int seed, Func<int, float>? offset = null)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var kelvin = 300 + (float)(random.NextDouble() * 1200);
            return new Row { Formula = Formulas[i % Formulas.Length], Temperature = kelvin, YieldStrength = 1.5f - (kelvin / 2000f) + (offset?.Invoke(i) ?? 0) };
        }).ToArray();
    }

    /// <summary><see cref="Rows"/> as a data view.</summary>
    public static IDataView View(MLContext ml, int count, int seed, Func<int, float>? offset = null) => ml.Data.LoadFromEnumerable(Rows(count, seed, offset));
}
