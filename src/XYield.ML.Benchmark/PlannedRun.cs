using XYield.ML.Benchmark.Report;
using XYield.ML.Models;

namespace XYield.ML.Benchmark;

/// <summary>One run of a plan: a method (by short name, <see cref="BenchmarkMethods"/>) on a task, a split and a seed.</summary>
/// <param name="Method">The method's short name, e.g. "lgbm".</param>
/// <param name="Task">Regression or classification.</param>
/// <param name="Split">The split family.</param>
/// <param name="Seed">The seed of the split and of the method's training.</param>
public sealed record PlannedRun(string Method, YieldTask Task, BenchmarkSplit Split, int Seed)
{
    /// <summary>The key its result is stored under.</summary>
    public RunKey Key => new(Method, BenchmarkTasks.Name(Task), Split.Name, Seed);

    /// <summary>"lgbm regression 10 % seed 0".</summary>
    public override string ToString() => $"{Method} {BenchmarkTasks.Name(Task)} {Split.Label} seed {Seed}";
}
