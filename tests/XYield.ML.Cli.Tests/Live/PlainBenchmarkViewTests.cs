using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Report;
using XYield.ML.Cli.Live;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Cli.Tests.Live;

[TestFixture]
public sealed class PlainBenchmarkViewTests
{
    private static readonly PlannedRun Run = new("handtune", YieldTask.Regression, BenchmarkSplit.Parse("10"), 3);

    private static readonly TrainingProgress PreTraining = new(
        "pretraining", 2, 10, 6250, 6250, 0.0123, 1e-4, 305, TimeSpan.FromMinutes(11), TimeSpan.FromMinutes(44), "cpu");

    [Test]
    public void A_long_training_gets_lines_with_its_stage_epoch_and_time_left_then_the_run_its_result()
    {
        var lines = Show(TimeSpan.Zero, Started(), Training(), Training(), Completed());

        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo("  handtune regression 10 % seed 3 · pretraining epoch 2/10 · loss 0.0123 · 305 samples/s · 44:00 left"));
        Assert.That(lines[2], Does.StartWith("[1/1] handtune regression 10 % seed 3: MSE 0.0700 GPa² in "));
    }

    [Test]
    public void Training_shorter_than_the_interval_prints_only_the_result()
    {
        var lines = Show(TimeSpan.FromHours(1), Started(), Training(), Training(), Completed());

        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.StartWith("[1/1] handtune regression 10 % seed 3: MSE 0.0700 GPa²"));
    }

    private static BenchmarkProgress Started() => new(BenchmarkProgressKind.RunStarted, Run, 0, 1);

    private static BenchmarkProgress Training() => new(BenchmarkProgressKind.Training, Run, 0, 1) { Training = PreTraining };

    private static BenchmarkProgress Completed() => new(BenchmarkProgressKind.RunCompleted, Run, 1, 1)
    {
        Result = new RunResult("handtune", RunResult.Regression, "10", 3, 0.07, []),
    };

    private static string[] Show(TimeSpan interval, params BenchmarkProgress[] reports)
    {
        using var writer = new StringWriter();
        new PlainBenchmarkView(writer, interval).Show([Run], 0, progress =>
        {
            foreach (var report in reports)
            {
                progress.Report(report);
            }
        });
        return writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }
}
