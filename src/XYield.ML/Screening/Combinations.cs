namespace XYield.ML.Screening;

/// <summary>Lexicographic k-subsets of {0, …, n−1}, advanced in place (no allocation per subset).</summary>
internal static class Combinations
{
    /// <summary>The first subset: 0, 1, …, k−1.</summary>
    public static int[] First(int k) => Enumerable.Range(0, k).ToArray();

    /// <summary>Advances <paramref name="subset"/> to the next k-subset of n; false after the last one.</summary>
    public static bool Next(int[] subset, int n)
    {
        var k = subset.Length;
        var i = k - 1;
        while (i >= 0 && subset[i] == n - k + i)
        {
            i--;
        }

        if (i < 0)
        {
            return false;
        }

        subset[i]++;
        for (var j = i + 1; j < k; j++)
        {
            subset[j] = subset[j - 1] + 1;
        }

        return true;
    }
}
