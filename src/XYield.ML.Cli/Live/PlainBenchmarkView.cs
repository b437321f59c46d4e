using System.Diagnostics;

namespace XYield.ML.Cli.Benchmark.Live;

/// <summary>
/// For logs and CI (output redirected): one line per completed run with its metric, elapsed time and time left, and no
/// animation. Time left assumes the remaining runs take as long as the completed ones did on average.
/// </summary>
internal sealed class PlainBenchmarkView(TextWriter writer) : IBenchmarkView
{
    /// <inheritdoc />
    public void Show(IReadOnlyList<BenchmarkRunner.PlannedRun> todo, int resumed, Action<RunCallbacks> work)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(work);
        var total = Stopwatch.StartNew();
        var run = new Stopwatch();
        var done = 0;
        work(new RunCallbacks(
            Started: _ => run.Restart(),
            Completed: (planned, result) =>
            {
                done++;
                var left = total.Elapsed * ((double)(todo.Count - done) / done);
                writer.WriteLine($"[{done}/{todo.Count}] {planned}: {RunText.Metric(result)} in {RunText.Duration(run.Elapsed)}; elapsed {RunText.Duration(total.Elapsed)}, about {RunText.Duration(left)} left");
                writer.Flush();
            }));
    }
}
