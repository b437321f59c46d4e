using Spectre.Console;
using XYield.ML.Benchmark;
using XYield.ML.Training;

namespace XYield.ML.Cli.Live;

/// <summary>
/// The live view on a terminal (Spectre.Console): a bar over the runs with elapsed time and time left, and below it a
/// bar for the current run's training stage (stage, epoch, loss, samples per second, time left), fed from
/// <see cref="TrainingProgress"/>. Every stage gets its own bar (hidden when done), so its time left is its own.
/// </summary>
internal sealed class LiveBenchmarkView(IAnsiConsole console) : IBenchmarkView
{
    /// <inheritdoc />
    public void Show(IReadOnlyList<PlannedRun> todo, int resumed, Action<IProgress<BenchmarkProgress>> work)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(work);
        console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new Tracker(context, todo.Count, resumed)));
    }

    /// <summary>Moves the bars; every call comes from the benchmark's thread (Spectre renders on its own).</summary>
    private sealed class Tracker : IProgress<BenchmarkProgress>
    {
        private readonly ProgressContext _context;
        private readonly ProgressTask _overall;
        private readonly int _count;
        private readonly int _resumed;
        private ProgressTask? _stage;
        private string _run = "";
        private int _done;

        public Tracker(ProgressContext context, int count, int resumed)
        {
            _context = context;
            _count = count;
            _resumed = resumed;
            _overall = context.AddTask(OverallText(), maxValue: Math.Max(count, 1));
        }

        public void Report(BenchmarkProgress value)
        {
            switch (value)
            {
                case { Kind: BenchmarkProgressKind.RunStarted }:
                    Started(value.Run);
                    break;
                case { Kind: BenchmarkProgressKind.RunCompleted }:
                    Completed();
                    break;
                case { Training: { } training }:
                    Training(training);
                    break;
            }
        }

        private void Training(TrainingProgress value)
        {
            var position = ((value.Epoch - 1.0) * value.StepsPerEpoch) + value.Step;
            var total = (double)value.MaxEpoch * value.StepsPerEpoch;

            // A new stage, or the same stage starting over (the next fold of cross-validation), gets a fresh bar.
            if (_stage is null || _stage.IsIndeterminate || _stage.MaxValue != total || position < _stage.Value)
            {
                Finish();
                _stage = _context.AddTask(Line(value), maxValue: total);
            }

            _stage.Value = position;
            _stage.Description = Line(value);
        }

        private void Started(PlannedRun run)
        {
            _run = run.ToString();
            Finish();
            _stage = _context.AddTask(Markup.Escape($"  {_run}"), maxValue: 1);
            _stage.IsIndeterminate = true;
        }

        private void Completed()
        {
            Finish();
            _done++;
            _overall.Increment(1);
            _overall.Description = OverallText();
            _context.Refresh();
        }

        private void Finish()
        {
            if (_stage is not null)
            {
                _stage.Value = _stage.MaxValue;
                _stage.StopTask();
                _stage = null;
            }
        }

        private string Line(TrainingProgress value) => Markup.Escape($"  {_run} · {RunText.Training(value)}");

        private string OverallText() => Markup.Escape($"benchmark: {_done}/{_count} runs" + (_resumed > 0 ? $" ({_resumed} already done)" : ""));
    }
}
