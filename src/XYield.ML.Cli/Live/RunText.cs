using System.Globalization;
using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Report;
using XYield.ML.Training;

namespace XYield.ML.Cli.Live;

/// <summary>The short texts both views print about runs and training.</summary>
internal static class RunText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"MSE 0.0423 GPa²" or "accuracy 0.512", with the selected epochs and the final epoch's metric under best-test-epoch.</summary>
    public static string Metric(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var regression = result.Task == RunResult.Regression;
        string Format(double v) => regression ? string.Create(Inv, $"MSE {v:0.0000} GPa²") : string.Create(Inv, $"accuracy {v:0.000}");
        var text = Format(result.Metric);
        if (result.SelectedEpochs is { } epochs)
        {
            text += $" at best test epoch {string.Join(",", epochs)} (final epoch: {Format(result.FinalEpochMetric ?? double.NaN)})";
        }

        return text;
    }

    /// <summary>"fine-tuning epoch 3/5 · loss 0.0123 · 850 samples/s · 0:12 left".</summary>
    public static string Training(TrainingProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return string.Create(Inv, $"{p.Stage} epoch {p.Epoch}/{p.MaxEpoch} · loss {p.Loss:0.0000} · {p.SamplesPerSecond:0} samples/s · {Duration(p.EstimatedRemaining)} left");
    }

    /// <summary>"1:05:09", "4:07" or "0:12".</summary>
    public static string Duration(TimeSpan time) =>
        time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", Inv) : time.ToString(@"m\:ss", Inv);
}
