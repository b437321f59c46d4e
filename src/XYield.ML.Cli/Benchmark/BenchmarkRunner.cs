using XYield.ML.Cli.Benchmark.Report;
using XYield.ML.Data.Experimental;
using XYield.ML.Evaluation;
using XYield.ML.Models;

namespace XYield.ML.Cli.Benchmark;

/// <summary>
/// Runs every (split, seed, method, task) combination not yet in the store, appending each completed run, so an
/// interrupted benchmark keeps what it finished and a rerun with the same output resumes.
/// </summary>
internal static class BenchmarkRunner
{
    /// <summary>A planned run.</summary>
    public sealed record PlannedRun(IBenchmarkMethod Method, YieldTask Task, BenchmarkSplit Split, int Seed)
    {
        /// <summary>The key its result is stored under.</summary>
        public RunKey Key => new(Method.Name, TaskName(Task), Split.Name, Seed);

        /// <summary>"lgbm regression 10 % seed 0".</summary>
        public override string ToString() => $"{Method.Name} {TaskName(Task)} {Split.Label} seed {Seed}";
    }

    /// <summary>The task's name in results.</summary>
    public static string TaskName(YieldTask task) => task == YieldTask.Regression ? RunResult.Regression : RunResult.Classification;

    /// <summary>Every combination, seeds outermost so the pre-trained network of a seed is reused before the next is trained.</summary>
    public static IReadOnlyList<PlannedRun> Plan(IReadOnlyList<IBenchmarkMethod> methods, IReadOnlyList<YieldTask> tasks, IReadOnlyList<BenchmarkSplit> splits, IReadOnlyList<int> seeds) =>
        (from seed in seeds
         from task in tasks
         from split in splits
         from method in methods
         select new PlannedRun(method, task, split, seed)).ToArray();

    /// <summary>Runs one combination: trains and predicts on every partition of the split, then scores all its test points.</summary>
    public static RunResult Run(PlannedRun run, ExperimentalDataSet points, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(run);
        var predictions = new List<PointPrediction>();
        foreach (var partition in run.Split.Partitions(points, run.Seed))
        {
            cancellation.ThrowIfCancellationRequested();
            var predicted = run.Method.Predict(new BenchmarkFit(run.Task, partition.Train, partition.Test, run.Seed, cancellation));
            if (predicted.Count != partition.Test.Count)
            {
                throw new InvalidOperationException($"{run.Method.Name} returned {predicted.Count} predictions for {partition.Test.Count} test points.");
            }

            predictions.AddRange(partition.Test.Select((p, i) => new PointPrediction(
                p.Composition.ToString(),
                p.TemperatureKelvin,
                run.Task == YieldTask.Regression ? p.YieldStrengthGpa : YieldClasses.Of(p.YieldStrengthGpa),
                predicted[i])));
        }

        var actual = predictions.Select(p => p.Actual).ToArray();
        var guessed = predictions.Select(p => p.Predicted).ToArray();
        var metric = run.Task == YieldTask.Regression
            ? Metrics.MeanSquaredError(guessed, actual)
            : Metrics.Accuracy(guessed.Select(v => (int)v).ToArray(), actual.Select(v => (int)v).ToArray());
        return new RunResult(run.Method.Name, TaskName(run.Task), run.Split.Name, run.Seed, metric, predictions);
    }

    /// <summary>Runs the planned combinations missing from <paramref name="store"/>, appending each as it completes.</summary>
    /// <param name="onStart">Called before each run that is not skipped.</param>
    /// <returns>The number of runs performed (skipped ones excluded).</returns>
    public static int RunMissing(IReadOnlyList<PlannedRun> plan, ExperimentalDataSet points, ResultStore store, Action<PlannedRun>? onStart, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        var done = 0;
        foreach (var run in plan.Where(r => !store.Contains(r.Key)))
        {
            cancellation.ThrowIfCancellationRequested();
            onStart?.Invoke(run);
            store.Append(Run(run, points, cancellation));
            done++;
        }

        return done;
    }
}
