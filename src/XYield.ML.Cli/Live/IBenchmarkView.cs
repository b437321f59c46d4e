using XYield.ML.Benchmark;

namespace XYield.ML.Cli.Live;

/// <summary>What the console shows while the benchmark runs: the live view on a terminal, plain lines otherwise.</summary>
internal interface IBenchmarkView
{
    /// <summary>Shows progress while <paramref name="work"/> performs <paramref name="todo"/> runs.</summary>
    /// <param name="todo">The runs still to do.</param>
    /// <param name="resumed">Runs already in results.json, skipped.</param>
    /// <param name="work">Runs the benchmark, reporting to the progress it is given.</param>
    void Show(IReadOnlyList<PlannedRun> todo, int resumed, Action<IProgress<BenchmarkProgress>> work);
}
