using System.Diagnostics;
using XYield.ML.Benchmark;

namespace XYield.ML.Cli.Live;

/// <summary>
/// For logs and CI (output redirected): one line per completed run with its metric, elapsed time and time left, and no
/// animation. Time left assumes the remaining runs take as long as the completed ones did on average.
/// </summary>
internal sealed class PlainBenchmarkView(TextWriter writer) : IBenchmarkView
{
    /// <inheritdoc />
    public void Show(IReadOnlyList<PlannedRun> todo, int resumed, Action<IProgress<BenchmarkProgress>> work)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(work);
        work(new Lines(writer, todo.Count));
    }

    private sealed class Lines(TextWriter writer, int count) : IProgress<BenchmarkProgress>
    {
        private readonly Stopwatch _total = Stopwatch.StartNew();
        private readonly Stopwatch _run = new();

        public void Report(BenchmarkProgress value)
        {
            if (value.Kind == BenchmarkProgressKind.RunStarted)
            {
                _run.Restart();
            }
            else if (value is { Kind: BenchmarkProgressKind.RunCompleted, Result: { } result })
            {
                var left = _total.Elapsed * ((double)(count - value.Completed) / value.Completed);
                writer.WriteLine($"[{value.Completed}/{count}] {value.Run}: {RunText.Metric(result)} in {RunText.Duration(_run.Elapsed)}; elapsed {RunText.Duration(_total.Elapsed)}, about {RunText.Duration(left)} left");
                writer.Flush();
            }
        }
    }
}
