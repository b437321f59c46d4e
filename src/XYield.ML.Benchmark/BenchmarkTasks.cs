using XYield.ML.Benchmark.Report;
using XYield.ML.Models;

namespace XYield.ML.Benchmark;

/// <summary>The tasks' names in results ("regression", "classification") and their parsing.</summary>
public static class BenchmarkTasks
{
    /// <summary>Both tasks, regression first.</summary>
    public static IReadOnlyList<YieldTask> All { get; } = [YieldTask.Regression, YieldTask.Classification];

    /// <summary>The task's name in results: <see cref="RunResult.Regression"/> or <see cref="RunResult.Classification"/>.</summary>
    /// <param name="task">The task.</param>
    public static string Name(YieldTask task) => task == YieldTask.Regression ? RunResult.Regression : RunResult.Classification;

    /// <summary>Reads a comma-separated task list ("regression,classification"); duplicates are dropped.</summary>
    /// <param name="text">The list.</param>
    /// <exception cref="ArgumentException">An unknown task, or none.</exception>
    public static IReadOnlyList<YieldTask> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tasks = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant() switch
        {
            RunResult.Regression => YieldTask.Regression,
            RunResult.Classification => YieldTask.Classification,
            _ => throw new ArgumentException($"Unknown task '{t}': use regression and/or classification."),
        }).Distinct().ToArray();
        return tasks.Length > 0 ? tasks : throw new ArgumentException("--tasks names no task.");
    }
}
