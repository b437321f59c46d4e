using XYield.ML.Benchmark.Methods;
using XYield.ML.Benchmark.Report;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;

namespace XYield.ML.Benchmark;

/// <summary>
/// Runs a <see cref="BenchmarkPlan"/>: every run not yet in the output folder's results.json, appending each as it
/// completes, so an interrupted benchmark keeps what it finished and a rerun with the same folder resumes.
/// </summary>
/// <remarks>
/// <code>
/// var plan = new BenchmarkPlan(new BenchmarkOptions { Methods = ["lgbm", "pt"], Profile = BenchmarkProfile.Quick, Device = "cpu" });
/// var results = new BenchmarkRunner(new BenchmarkRunnerOptions { OutputFolder = "out" }).Run(plan);
/// var table2 = results.MetricTable(YieldTask.Regression);   // out/report.md has it too
/// </code>
/// </remarks>
/// <param name="options">Data, output folder and pre-training store; null for the defaults (in memory, no store).</param>
public sealed class BenchmarkRunner(BenchmarkRunnerOptions? options = null)
{
    private readonly BenchmarkRunnerOptions _options = options ?? new BenchmarkRunnerOptions();

    /// <summary>The runs of <paramref name="plan"/> not yet in results.json: what <see cref="Run"/> would do now.</summary>
    /// <param name="plan">The plan.</param>
    /// <exception cref="InvalidDataException">results.json is not a results file, or was made with another fingerprint.</exception>
    public IReadOnlyList<PlannedRun> Pending(BenchmarkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var store = OpenStore(plan);
        return plan.Runs.Where(r => !store.Contains(r.Key)).ToArray();
    }

    /// <summary>
    /// Performs the runs of <paramref name="plan"/> missing from results.json and, with an output folder, rewrites the
    /// report at the end (also when interrupted, covering the completed runs).
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="progress">Receives run starts, training progress and completed runs; null for none.</param>
    /// <param name="cancellation">Stops between training steps; completed runs are kept, then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>Every completed run of the output folder (resumed ones included) with the plan's config.</returns>
    /// <exception cref="InvalidDataException">results.json is not a results file, or was made with another fingerprint.</exception>
    /// <exception cref="IOException">Another process is running a benchmark into the same output folder.</exception>
    public BenchmarkResults Run(BenchmarkPlan plan, IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Held to the end, report included: a second process on this folder is refused rather than overwriting our runs.
        using var folderLock = _options.OutputFolder is { } output ? OutputFolderLock.Acquire(output) : null;
        var store = OpenStore(plan);

        var todo = plan.Runs.Where(r => !store.Contains(r.Key)).ToArray();
        var points = _options.Data ?? (todo.Length > 0 ? ExperimentalDataSet.Load() : null);
        using var cache = new PretrainedCache(plan.Cnn, _options.PretrainedStore, plan.PretrainSeed, _options.Log);
        var methods = plan.Methods.ToDictionary(name => name, name => BenchmarkMethods.Create(name, cache));
        foreach (var (method, task) in methods.Values.SelectMany(m => plan.Tasks.Select(t => (m, t))).Where(p => !p.m.Supports(p.t)))
        {
            throw new ArgumentException($"Method '{method.Name}' cannot run the {BenchmarkTasks.Name(task)} task; drop it from the methods or tasks.");
        }

        var config = plan.Describe();
        try
        {
            RunMissing(todo, name => methods[name], points!, store, plan.Protocol, progress, cancellation);
        }
        finally
        {
            config = config with { Settings = config.Settings.Concat(CacheSettings(cache)).ToDictionary() };
            if (_options.OutputFolder is { } folder && _options.WriteReport)
            {
                // Interrupted or not, the report covers every completed run.
                ReportWriter.Write(folder, store.Results, config, BenchmarkMethods.DisplayName);
            }
        }

        return new BenchmarkResults(config, [.. store.Results], store.Settings);
    }

    /// <summary>
    /// Performs the runs of <paramref name="runs"/> missing from <paramref name="store"/>, appending each as it completes:
    /// the loop behind <see cref="Run"/>, for methods of your own (any <see cref="IBenchmarkMethod"/>).
    /// </summary>
    /// <param name="runs">The runs, in order.</param>
    /// <param name="methods">The method of each short name in <paramref name="runs"/>.</param>
    /// <param name="points">The experimental set.</param>
    /// <param name="store">Where completed runs are kept; runs it holds are skipped.</param>
    /// <param name="protocol">How the test metric is taken.</param>
    /// <param name="progress">Receives run starts, training progress and completed runs; null for none.</param>
    /// <param name="cancellation">Stops between training steps; completed runs stay in the store.</param>
    /// <returns>The number of runs performed (skipped ones excluded).</returns>
    public static int RunMissing(
        IReadOnlyList<PlannedRun> runs, Func<string, IBenchmarkMethod> methods, ExperimentalDataSet points, ResultStore store,
        EvaluationProtocol protocol = EvaluationProtocol.FinalEpoch, IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(store);
        var todo = runs.Where(r => !store.Contains(r.Key)).ToArray();
        var done = 0;
        foreach (var run in todo)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new BenchmarkProgress(BenchmarkProgressKind.RunStarted, run, done, todo.Length));
            var training = progress is null ? null : new TrainingRelay(progress, run, () => done, todo.Length);
            var result = Evaluate(methods(run.Method), run, points, protocol, training, cancellation);
            store.Append(result);
            done++;
            progress?.Report(new BenchmarkProgress(BenchmarkProgressKind.RunCompleted, run, done, todo.Length) { Result = result });
        }

        return done;
    }

    /// <summary>
    /// Performs one run with <paramref name="method"/>: trains and predicts on every partition of the split, then scores
    /// all its test points. Under <see cref="EvaluationProtocol.BestTestEpoch"/> each partition keeps its best test epoch,
    /// and the final epoch's metric is kept beside it.
    /// </summary>
    /// <param name="method">The method named by <paramref name="run"/>.</param>
    /// <param name="run">The task, split and seed.</param>
    /// <param name="points">The experimental set.</param>
    /// <param name="protocol">How the test metric is taken.</param>
    /// <param name="progress">Receives the CNN methods' training progress; null for none.</param>
    /// <param name="cancellation">Stops training between steps.</param>
    public static RunResult Evaluate(
        IBenchmarkMethod method, PlannedRun run, ExperimentalDataSet points,
        EvaluationProtocol protocol = EvaluationProtocol.FinalEpoch, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(points);
        var predictions = new List<PointPrediction>();
        var finals = new List<double>();
        var selected = new List<int>();
        var sparsity = new List<SparsityReport>();
        var search = new List<SearchEntry>();
        var epochChoices = new List<EpochChoice>();
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
                OnSearch = search.AddRange,
                OnEpochChoice = epochChoices.Add,
            };
            var uncertain = run.Task == YieldTask.Regression && method is IUncertainBenchmarkMethod probabilistic ? probabilistic.PredictWithUncertainty(fit) : null;
            var predicted = uncertain?.Select(p => p.Mean).ToArray() ?? method.Predict(fit);
            if (predicted.Count != partition.Test.Count)
            {
                throw new InvalidOperationException($"{method.Name} returned {predicted.Count} predictions for {partition.Test.Count} test points.");
            }

            finals.AddRange(predicted);
            var scored = selector?.Choose(predicted) ?? predicted;
            if (selector?.Epoch is int epoch)
            {
                selected.Add(epoch);
            }

            predictions.AddRange(partition.Test.Select((p, i) => new PointPrediction(p.Composition.ToString(), p.TemperatureKelvin, actual[i], scored[i])
            {
                StandardDeviation = uncertain?[i].StandardDeviation,
            }));
        }

        var allActual = predictions.Select(p => p.Actual).ToArray();
        var metric = BestEpochSelector.Score(run.Task, predictions.Select(p => p.Predicted).ToArray(), allActual);
        var anySelected = selected.Count > 0;
        return new RunResult(
            method.Name, BenchmarkTasks.Name(run.Task), run.Split.Name, run.Seed, metric, predictions, protocol.Name(),
            anySelected ? selected : null,
            anySelected ? BestEpochSelector.Score(run.Task, finals, allActual) : null,
            sparsity.Count > 0 ? SparsitySummary.Average(sparsity) : null,
            search.Count > 0 ? search : null,
            epochChoices.Count > 0 ? epochChoices : null);
    }

    private ResultStore OpenStore(BenchmarkPlan plan) => _options.OutputFolder is { } folder
        ? ResultStore.Open(Path.Combine(folder, ResultStore.FileName), plan.Fingerprint)
        : ResultStore.InMemory(plan.Fingerprint);

    // config.json entries: the store folder and the key of each network used.
    private IEnumerable<KeyValuePair<string, string>> CacheSettings(PretrainedCache cache)
    {
        yield return new("cnnPretrainedCache", _options.PretrainedStore?.Folder ?? "off (pre-trained in the process, not stored)");
        foreach (var (network, key) in cache.Keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            yield return new($"cnnPretrained {network}", key);
        }
    }

    private static double Actual(YieldTask task, ExperimentalPoint point) =>
        task == YieldTask.Regression ? point.YieldStrengthGpa : YieldLabels.ClassOf(point.YieldStrengthGpa);

    /// <summary>Forwards a fit's training progress as benchmark progress of its run.</summary>
    private sealed class TrainingRelay(IProgress<BenchmarkProgress> target, PlannedRun run, Func<int> completed, int total) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) =>
            target.Report(new BenchmarkProgress(BenchmarkProgressKind.Training, run, completed(), total) { Training = value });
    }
}
