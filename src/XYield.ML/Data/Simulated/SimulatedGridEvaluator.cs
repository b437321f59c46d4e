using XYield.ML.Chemistry;
using XYield.ML.Physics;

namespace XYield.ML.Data.Simulated;

/// <summary>
/// Receives one grid composition and its σ_y (MPa) at each of the 23 grid temperatures. Called concurrently from
/// several threads when the evaluation is parallel; the spans are valid only during the call.
/// </summary>
/// <param name="fractions">Palette-ordered fractions of the composition.</param>
/// <param name="yieldStrengths">σ_y in MPa at <see cref="SimulatedGrid.Temperatures"/>, in that order.</param>
public delegate void GridCompositionCallback(ReadOnlySpan<double> fractions, ReadOnlySpan<double> yieldStrengths);

/// <summary>
/// Evaluates the Maresca–Curtin model on every point of the X-Yield grid by enumerating each system's compositions in
/// place: alloy parameters once per composition, then the 23 temperatures; nothing is allocated per point and the
/// grid is never held in memory. Systems are spread over threads.
/// </summary>
public static class SimulatedGridEvaluator
{
    /// <summary>Evaluates the grid (or the listed orders of it) and returns aggregate statistics.</summary>
    /// <param name="model">The strength model.</param>
    /// <param name="variant">Which grid; grid B (<see cref="SimulatedGridVariant.WithZeros"/>) by default.</param>
    /// <param name="orders">The orders to evaluate (each 3…7); null for all.</param>
    /// <param name="callback">Optional receiver of every composition's strengths; must be thread-safe.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for all cores.</param>
    /// <param name="cancellationToken">Checked between systems.</param>
    public static GridEvaluationSummary Evaluate(
        MarescaCurtinModel model,
        SimulatedGridVariant variant = SimulatedGridVariant.WithZeros,
        IReadOnlyCollection<int>? orders = null,
        GridCompositionCallback? callback = null,
        int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var order in orders ?? [])
        {
            SimulatedGrid.RequireOrder(order);
        }

        var selected = SimulatedGrid.Orders(variant).Where(o => orders is null || orders.Contains(o.Order)).ToArray();

        // One work item per (order, system): up to 462 per order, enough to balance threads.
        var work = selected.SelectMany(o => Subsets(o.Order).Select(system => (o.Order, o.Units, System: system))).ToArray();
        var temperatures = SimulatedGrid.Temperatures.ToArray();
        var temperaturesTwoThirds = temperatures.Select(t => Math.Cbrt(t) * Math.Cbrt(t)).ToArray();
        var strict = variant == SimulatedGridVariant.StrictlyPositive;
        long points = 0, zeros = 0;
        double sum = 0, max = 0;
        var gate = new object();
        Parallel.ForEach(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
            () => new SystemEvaluation(temperatures.Length),
            (item, _, local) =>
            {
                local.Run(model, item.System, item.Units, strict, temperatures, temperaturesTwoThirds, callback);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    points += local.Points;
                    zeros += local.Zeros;
                    sum += local.Sum;
                    max = Math.Max(max, local.Max);
                }
            });

        return new GridEvaluationSummary(points, zeros, points == 0 ? 0 : sum / points, max);
    }

    /// <summary>The k-subsets of the palette in lexicographic order.</summary>
    internal static IEnumerable<int[]> Subsets(int k)
    {
        var subset = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])subset.Clone();
            var i = k - 1;
            while (i >= 0 && subset[i] == Palette.Count - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            subset[i]++;
            for (var j = i + 1; j < k; j++)
            {
                subset[j] = subset[j - 1] + 1;
            }
        }
    }

    /// <summary>Per-thread buffers and running totals.</summary>
    private sealed class SystemEvaluation(int temperatureCount)
    {
        private readonly int[] _parts = new int[SimulatedGrid.MaxOrder];
        private readonly double[] _c = new double[SimulatedGrid.MaxOrder];
        private readonly double[] _fractions = new double[Palette.Count];
        private readonly double[] _sigma = new double[temperatureCount];

        public long Points { get; private set; }

        public long Zeros { get; private set; }

        public double Sum { get; private set; }

        public double Max { get; private set; }

        public void Run(MarescaCurtinModel model, int[] system, int units, bool strict, double[] temperatures, double[] temperaturesTwoThirds, GridCompositionCallback? callback)
        {
            var k = system.Length;
            var parts = _parts.AsSpan(0, k);

            // Strict compositions of n are weak compositions of n − k plus one unit each.
            var free = strict ? units - k : units;
            var offset = strict ? 1 : 0;
            parts.Clear();
            parts[0] = free;
            double sum = 0, max = Max;
            long zeros = 0, count = 0;
            while (true)
            {
                for (var j = 0; j < k; j++)
                {
                    _c[j] = (double)(parts[j] + offset) / units;
                }

                var alloy = model.ComputeAlloy(system, _c.AsSpan(0, k));
                model.YieldStrengthsOnGrid(alloy, temperatures, temperaturesTwoThirds, _sigma);
                foreach (var s in _sigma)
                {
                    sum += s;
                    max = Math.Max(max, s);
                    zeros += s == 0 ? 1 : 0;
                }

                count += _sigma.Length;
                if (callback is not null)
                {
                    Array.Clear(_fractions);
                    for (var j = 0; j < k; j++)
                    {
                        _fractions[system[j]] = _c[j];
                    }

                    callback(_fractions, _sigma);
                }

                if (!NextComposition(parts))
                {
                    break;
                }
            }

            Points += count;
            Zeros += zeros;
            Sum += sum;
            Max = max;
        }

        /// <summary>Steps to the next weak composition in reverse-lexicographic order; false after the last one.</summary>
        private static bool NextComposition(Span<int> parts)
        {
            var last = parts.Length - 1;
            var i = last - 1;
            while (i >= 0 && parts[i] == 0)
            {
                i--;
            }

            if (i < 0)
            {
                return false;
            }

            var rest = parts[last];
            parts[last] = 0;
            parts[i]--;
            parts[i + 1] = rest + 1;
            return true;
        }
    }
}
