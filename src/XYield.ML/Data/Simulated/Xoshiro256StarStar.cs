namespace XYield.ML.Data.Simulated;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna, 2018), seeded through SplitMix64: a small, fast generator whose stream is fixed
/// by this code, so a seed gives the same points on every .NET version and platform.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(int seed)
    {
        var x = unchecked((ulong)seed);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    public ulong NextBelow(ulong bound)
    {
        var product = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return product;
    }

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public int NextInRange(int low, int high) => low + (int)NextBelow((ulong)(high - low));

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
