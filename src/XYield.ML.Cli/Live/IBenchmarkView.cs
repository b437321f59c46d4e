namespace XYield.ML.Cli.Benchmark.Live;

/// <summary>What the console shows while the benchmark runs: the live view on a terminal, plain lines otherwise.</summary>
internal interface IBenchmarkView
{
    /// <summary>Shows progress while <paramref name="work"/> performs <paramref name="todo"/> runs.</summary>
    /// <param name="todo">The runs still to do.</param>
    /// <param name="resumed">Runs already in results.json, skipped.</param>
    /// <param name="work">Runs the benchmark, reporting through the callbacks it is given.</param>
    void Show(IReadOnlyList<BenchmarkRunner.PlannedRun> todo, int resumed, Action<RunCallbacks> work);
}
