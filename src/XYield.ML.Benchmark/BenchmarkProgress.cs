using XYield.ML.Benchmark.Report;
using XYield.ML.Training;

namespace XYield.ML.Benchmark;

/// <summary>What a <see cref="BenchmarkProgress"/> reports.</summary>
public enum BenchmarkProgressKind
{
    /// <summary>A run starts (<see cref="BenchmarkProgress.Run"/>).</summary>
    RunStarted,

    /// <summary>A CNN method trains (<see cref="BenchmarkProgress.Training"/>: stage, epoch, loss, time left).</summary>
    Training,

    /// <summary>A run completed and was saved (<see cref="BenchmarkProgress.Result"/>).</summary>
    RunCompleted,
}

/// <summary>A progress report of <see cref="BenchmarkRunner.Run"/>; every report comes from the benchmark's thread.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Run">The run it concerns.</param>
/// <param name="Completed">Runs completed by this call so far.</param>
/// <param name="Total">Runs this call performs (those of the plan not already in results.json).</param>
public sealed record BenchmarkProgress(BenchmarkProgressKind Kind, PlannedRun Run, int Completed, int Total)
{
    /// <summary>With <see cref="BenchmarkProgressKind.RunCompleted"/>: the run's result.</summary>
    public RunResult? Result { get; init; }

    /// <summary>With <see cref="BenchmarkProgressKind.Training"/>: the trainer's progress.</summary>
    public TrainingProgress? Training { get; init; }
}
