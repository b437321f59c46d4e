using System.Globalization;
using XYield.ML.Methods;

namespace XYield.ML.Benchmark;

/// <summary>
/// How a plan is split into shards that run on separate machines (a Kubernetes Indexed Job, a Slurm array) and are
/// merged afterwards with <see cref="BenchmarkResults.Merge"/>.
/// </summary>
/// <remarks>
/// <para>The rule, deterministic for a given plan and shard count:</para>
/// <list type="number">
/// <item>Runs that fine-tune a pre-trained network form one group per network: (task, dense) for pt, transfer-sparse and
/// Bi-RPT, (task, sparse m_s) for Hand-Tune and pretrain-sparse (with N_s = 0 the sparse network is the dense one, so
/// both form one group). A group is never split, so each network is pre-trained by one shard.</item>
/// <item>Groups are placed heaviest first, each on the shard with the least work so far (ties: the lowest index).</item>
/// <item>The remaining runs (baselines, No Pretraining, Mix Training), in plan order, go one by one to the shard with the
/// least work so far (ties: the lowest index) — a round robin weighted by cost.</item>
/// </list>
/// <para>Work is estimated as partitions (1 for a few-shot split, 10 for cross-validation) × the method's relative cost
/// (<see cref="BenchmarkMethods.RelativeCost"/>), plus each group's pre-training (<see cref="BenchmarkMethods.PretrainingCost"/>;
/// the sparse network's N_s IMP rounds each cost another one): on the paper profile a pre-training is about a hundred
/// fine-tunes, so the pre-training groups dominate the balance.</para>
/// <para>Every run's numbers depend only on its method, task, split, seed and the plan's settings, so merged shards give
/// the same tables as one unsharded run.</para>
/// </remarks>
public static class BenchmarkShards
{
    /// <summary>The Kubernetes Indexed Job's variable: the pod's 0-based completion index.</summary>
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>The Slurm job array's variable: the task's id from <c>--array</c>, read as 0-based (use <c>--array=0-(N−1)</c>).</summary>
    public const string SlurmIndexVariable = "SLURM_ARRAY_TASK_ID";

    /// <summary>
    /// The 0-based shard index from the environment: <see cref="KubernetesIndexVariable"/>, else <see cref="SlurmIndexVariable"/>.
    /// </summary>
    /// <param name="count">The number of shards; the index must be below it.</param>
    /// <param name="environment">Reads an environment variable; null reads the process environment.</param>
    /// <exception cref="InvalidOperationException">Neither variable is set, or its value is not an index below <paramref name="count"/>.</exception>
    public static int IndexFromEnvironment(int count, Func<string, string?>? environment = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        environment ??= Environment.GetEnvironmentVariable;
        foreach (var variable in new[] { KubernetesIndexVariable, SlurmIndexVariable })
        {
            if (environment(variable) is not { Length: > 0 } text)
            {
                continue;
            }

            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
            {
                throw new InvalidOperationException(
                    string.Create(CultureInfo.InvariantCulture, $"{variable} is '{text}'; expected a 0-based shard index from 0 to {count - 1} (Kubernetes completions / Slurm --array=0-{count - 1})."));
            }

            return index;
        }

        throw new InvalidOperationException($"Neither {KubernetesIndexVariable} (Kubernetes Indexed Job) nor {SlurmIndexVariable} (Slurm array) is set; give the shard index explicitly.");
    }

    /// <summary>The shard (0-based) of every run of <paramref name="runs"/>, by the rule above.</summary>
    /// <param name="runs">The plan's runs, in plan order.</param>
    /// <param name="count">The number of shards.</param>
    /// <param name="profile">The plan's settings: what a pre-training and each fit cost.</param>
    public static int[] Assign(IReadOnlyList<PlannedRun> runs, int count, BenchmarkProfile profile)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var sparseIsDense = profile.PretrainingRounds == 0;
        double Cost(PlannedRun run) => (run.Split.Name == BenchmarkSplit.CrossValidation ? BenchmarkSplit.Folds : 1) * BenchmarkMethods.RelativeCost(run.Method, profile);
        // The m_s network is a dense pre-training and N_s IMP rounds of the same length.
        double Pretraining(PlannedRun run) => BenchmarkMethods.PretrainingCost(profile)
            * (!sparseIsDense && BenchmarkMethods.PretrainedNetworkOf(run.Method) == PretrainingNeed.Sparse ? 1 + profile.PretrainingRounds : 1);
        var shardOf = new int[runs.Count];
        var load = new double[count];
        var indices = Enumerable.Range(0, runs.Count).ToArray();
        var groups = indices
            .Where(i => Group(runs[i], sparseIsDense) is not null)
            .GroupBy(i => Group(runs[i], sparseIsDense)!)
            .Select(g => (Runs: g.ToArray(), Cost: Pretraining(runs[g.First()]) + g.Sum(i => Cost(runs[i]))))
            .OrderByDescending(g => g.Cost)
            .ThenBy(g => g.Runs[0]);   // equal costs: the group that comes first in the plan first
        foreach (var group in groups)
        {
            var shard = LeastLoaded(load);
            load[shard] += group.Cost;
            foreach (var i in group.Runs)
            {
                shardOf[i] = shard;
            }
        }

        foreach (var i in indices.Where(i => Group(runs[i], sparseIsDense) is null))
        {
            var shard = LeastLoaded(load);
            load[shard] += Cost(runs[i]);
            shardOf[i] = shard;
        }

        return shardOf;
    }

    /// <summary>The pre-trained network a run fine-tunes ("regression dense"), or null when it needs none.</summary>
    /// <param name="run">The run.</param>
    /// <param name="sparseIsDense">Whether N_s = 0, so the sparse network is the dense one.</param>
    public static string? Group(PlannedRun run, bool sparseIsDense)
    {
        ArgumentNullException.ThrowIfNull(run);
        return BenchmarkMethods.PretrainedNetworkOf(run.Method) switch
        {
            PretrainingNeed.Dense => $"{BenchmarkTasks.Name(run.Task)} dense",
            PretrainingNeed.Sparse => $"{BenchmarkTasks.Name(run.Task)} {(sparseIsDense ? "dense" : "sparse")}",
            _ => null,
        };
    }

    private static int LeastLoaded(double[] load)
    {
        var best = 0;
        for (var i = 1; i < load.Length; i++)
        {
            if (load[i] < load[best])
            {
                best = i;
            }
        }

        return best;
    }
}
