using XYield.ML.Cli.Benchmark.Report;
using XYield.ML.Data.Experimental;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;

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

    /// <summary>Every combination, seeds outermost: an interrupted benchmark holds every method for its first seeds, so partial tables compare like with like.</summary>
    public static IReadOnlyList<PlannedRun> Plan(IReadOnlyList<IBenchmarkMethod> methods, IReadOnlyList<YieldTask> tasks, IReadOnlyList<BenchmarkSplit> splits, IReadOnlyList<int> seeds) =>
        (from seed in seeds
         from task in tasks
         from split in splits
         from method in methods
         select new PlannedRun(method, task, split, seed)).ToArray();

    /// <summary>
    /// Runs one combination: trains and predicts on every partition of the split, then scores all its test points.
    /// Under <see cref="EvaluationProtocol.BestTestEpoch"/> each partition keeps its best test epoch, and the final
    /// epoch's metric is kept beside it.
    /// </summary>
    public static RunResult Run(
        PlannedRun run, ExperimentalDataSet points, CancellationToken cancellation,
        EvaluationProtocol protocol = EvaluationProtocol.FinalEpoch, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var predictions = new List<PointPrediction>();
        var finals = new List<double>();
        var selected = new List<int>();
        var sparsity = new List<SparsityReport>();
        foreach (var partition in run.Split.Partitions(points, run.Seed))
        {
            cancellation.ThrowIfCancellationRequested();
            var actual = partition.Test.Select(p => Actual(run.Task, p)).ToArray();
            var selector = protocol == EvaluationProtocol.BestTestEpoch ? new BestEpochSelector(run.Task, actual) : null;
            var fit = new BenchmarkFit(run.Task, partition.Train, partition.Test, run.Seed, cancellation)
            {
                Progress = progress,
                OnEpoch = selector is null ? null : selector.Offer,
                OnSparsity = sparsity.Add,
            };
            var predicted = run.Method.Predict(fit);
            if (predicted.Count != partition.Test.Count)
            {
                throw new InvalidOperationException($"{run.Method.Name} returned {predicted.Count} predictions for {partition.Test.Count} test points.");
            }

            finals.AddRange(predicted);
            var scored = selector?.Choose(predicted) ?? predicted;
            if (selector?.Epoch is int epoch)
            {
                selected.Add(epoch);
            }

            predictions.AddRange(partition.Test.Select((p, i) => new PointPrediction(p.Composition.ToString(), p.TemperatureKelvin, actual[i], scored[i])));
        }

        var allActual = predictions.Select(p => p.Actual).ToArray();
        var metric = BestEpochSelector.Score(run.Task, predictions.Select(p => p.Predicted).ToArray(), allActual);
        var anySelected = selected.Count > 0;
        return new RunResult(
            run.Method.Name, TaskName(run.Task), run.Split.Name, run.Seed, metric, predictions, protocol.Name(),
            anySelected ? selected : null,
            anySelected ? BestEpochSelector.Score(run.Task, finals, allActual) : null,
            sparsity.Count > 0 ? SparsitySummary.Average(sparsity) : null);
    }

    /// <summary>Runs the planned combinations missing from <paramref name="store"/>, appending each as it completes.</summary>
    /// <returns>The number of runs performed (skipped ones excluded).</returns>
    public static int RunMissing(
        IReadOnlyList<PlannedRun> plan, ExperimentalDataSet points, ResultStore store, RunCallbacks? callbacks, CancellationToken cancellation,
        EvaluationProtocol protocol = EvaluationProtocol.FinalEpoch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        var done = 0;
        foreach (var run in plan.Where(r => !store.Contains(r.Key)))
        {
            cancellation.ThrowIfCancellationRequested();
            callbacks?.Started?.Invoke(run);
            var result = Run(run, points, cancellation, protocol, callbacks?.Training);
            store.Append(result);
            callbacks?.Completed?.Invoke(run, result);
            done++;
        }

        return done;
    }

    private static double Actual(YieldTask task, ExperimentalPoint point) =>
        task == YieldTask.Regression ? point.YieldStrengthGpa : YieldClasses.Of(point.YieldStrengthGpa);
}

/// <summary>What <see cref="BenchmarkRunner.RunMissing"/> reports as it goes; every member may be left out.</summary>
/// <param name="Started">Called before each run that is not skipped.</param>
/// <param name="Completed">Called after each run is saved, with its result.</param>
/// <param name="Training">Receives the CNN methods' training progress.</param>
internal sealed record RunCallbacks(
    Action<BenchmarkRunner.PlannedRun>? Started = null,
    Action<BenchmarkRunner.PlannedRun, RunResult>? Completed = null,
    IProgress<TrainingProgress>? Training = null);
