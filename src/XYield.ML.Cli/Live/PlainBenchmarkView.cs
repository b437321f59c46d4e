using System.Diagnostics;
using XYield.ML.Benchmark;

namespace XYield.ML.Cli.Live;

/// <summary>
/// For logs and CI (output redirected): one line per completed run with its metric, elapsed time and time left, and no
/// animation. Time left assumes the remaining runs take as long as the completed ones did on average. Training that
/// runs longer than <see cref="TrainingLineInterval"/> (an hour-long pre-training, a slow fine-tune) also gets a line
/// with its stage, epoch and time left at most once per interval, so a log never goes silent for hours.
/// </summary>
/// <param name="writer">Where the lines go.</param>
/// <param name="trainingLineInterval">The least time between two training lines; null: <see cref="TrainingLineInterval"/>.</param>
internal sealed class PlainBenchmarkView(TextWriter writer, TimeSpan? trainingLineInterval = null) : IBenchmarkView
{
    /// <summary>The default least time between two training lines.</summary>
    public static readonly TimeSpan TrainingLineInterval = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public void Show(IReadOnlyList<PlannedRun> todo, int resumed, Action<IProgress<BenchmarkProgress>> work)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(work);
        work(new Lines(writer, todo.Count, trainingLineInterval ?? TrainingLineInterval));
    }

    private sealed class Lines(TextWriter writer, int count, TimeSpan interval) : IProgress<BenchmarkProgress>
    {
        private readonly Stopwatch _total = Stopwatch.StartNew();
        private readonly Stopwatch _run = new();

        // Since the last line of any kind, or the start of the run: a short fine-tune prints nothing but its result.
        private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

        public void Report(BenchmarkProgress value)
        {
            if (value.Kind == BenchmarkProgressKind.RunStarted)
            {
                _run.Restart();
                _sinceLine.Restart();
            }
            else if (value is { Kind: BenchmarkProgressKind.Training, Training: { } training } && _sinceLine.Elapsed >= interval)
            {
                Write($"  {value.Run} · {RunText.Training(training)}");
            }
            else if (value is { Kind: BenchmarkProgressKind.RunCompleted, Result: { } result })
            {
                var left = _total.Elapsed * ((double)(count - value.Completed) / value.Completed);
                Write($"[{value.Completed}/{count}] {value.Run}: {RunText.Metric(result)} in {RunText.Duration(_run.Elapsed)}; elapsed {RunText.Duration(_total.Elapsed)}, about {RunText.Duration(left)} left");
            }
        }

        private void Write(string line)
        {
            writer.WriteLine(line);
            writer.Flush();
            _sinceLine.Restart();
        }
    }
}
