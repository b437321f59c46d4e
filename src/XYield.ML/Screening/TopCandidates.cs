namespace XYield.ML.Screening;

/// <summary>
/// The k best candidates seen so far (a min-heap on the score): O(log k) per better candidate, nothing kept beyond k. Ties
/// keep the candidate seen first, so the result equals a stable sort of everything by descending score.
/// </summary>
internal sealed class TopCandidates(int capacity)
{
    private readonly PriorityQueue<Entry, (double Score, long Order)> _heap = new(capacity + 1, new WorstFirst());
    private long _seen;

    public void Offer(double score, double mean, double standardDeviation, ReadOnlySpan<float> fractions, double kelvin)
    {
        var order = _seen++;
        if (double.IsNaN(score))
        {
            return; // a non-finite prediction never ranks
        }

        if (_heap.Count == capacity)
        {
            _heap.TryPeek(out _, out var worst);
            if (score <= worst.Score)
            {
                return; // not better than the worst kept (equal: the earlier one stays)
            }

            _heap.Dequeue();
        }

        _heap.Enqueue(new Entry(fractions.ToArray(), kelvin, mean, standardDeviation, score), (score, order));
    }

    /// <summary>The kept candidates, best first.</summary>
    public IReadOnlyList<Entry> Best() =>
        _heap.UnorderedItems.OrderByDescending(e => e.Priority.Score).ThenBy(e => e.Priority.Order).Select(e => e.Element).ToArray();

    public sealed record Entry(float[] Fractions, double Kelvin, double Mean, double StandardDeviation, double Score);

    // The heap's root is the worst kept: lowest score, and among equal scores the latest seen.
    private sealed class WorstFirst : IComparer<(double Score, long Order)>
    {
        public int Compare((double Score, long Order) x, (double Score, long Order) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Order.CompareTo(x.Order);
    }
}
