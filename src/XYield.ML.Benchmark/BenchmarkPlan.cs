using System.Globalization;
using XYield.ML.Benchmark.Baselines;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Benchmark.Report;
using XYield.ML.Models;

namespace XYield.ML.Benchmark;

/// <summary>
/// The runs of a benchmark, every (seed, task, split, method) combination of its <see cref="BenchmarkOptions"/>, seeds
/// outermost: an interrupted benchmark holds every method for its first seeds, so partial tables compare like with like.
/// </summary>
public sealed class BenchmarkPlan
{
    /// <summary>Plans the runs of <paramref name="options"/> (validated and copied: later changes to it do not affect the plan).</summary>
    /// <param name="options">What to run.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="BenchmarkOptions.Validate"/>).</exception>
    public BenchmarkPlan(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Methods = [.. options.Methods];
        Tasks = [.. options.Tasks];
        Profile = options.Profile;
        Splits = BenchmarkSplit.ParseList(Profile.Splits);
        Seeds = Enumerable.Range(0, Profile.Seeds).ToArray();
        Protocol = options.Protocol;
        Device = options.Device;
        PretrainSeed = options.PretrainSeed;
        Overridden = [.. options.Overridden];
        Runs = (from seed in Seeds
                from task in Tasks
                from split in Splits
                from method in Methods
                select new PlannedRun(method, task, split, seed)).ToArray();
    }

    private BenchmarkPlan(BenchmarkPlan whole, IReadOnlyList<PlannedRun> runs, int index, int count)
    {
        Methods = whole.Methods;
        Tasks = whole.Tasks;
        Profile = whole.Profile;
        Splits = whole.Splits;
        Seeds = whole.Seeds;
        Protocol = whole.Protocol;
        Device = whole.Device;
        PretrainSeed = whole.PretrainSeed;
        Overridden = whole.Overridden;
        Runs = runs;
        ShardIndex = index;
        ShardCount = count;
    }

    /// <summary>Method short names, in report order.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>The tasks.</summary>
    public IReadOnlyList<YieldTask> Tasks { get; }

    /// <summary>The split families.</summary>
    public IReadOnlyList<BenchmarkSplit> Splits { get; }

    /// <summary>The seeds 0 … R−1.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>The sizes.</summary>
    public BenchmarkProfile Profile { get; }

    /// <summary>How CNN runs are scored.</summary>
    public EvaluationProtocol Protocol { get; }

    /// <summary>The CNN methods' device.</summary>
    public string Device { get; }

    /// <summary>The seed of the simulated draw and of every pre-training.</summary>
    public int PretrainSeed { get; }

    /// <summary>The settings that overrode the profile, for the report.</summary>
    public IReadOnlyList<string> Overridden { get; }

    /// <summary>Every run, in the order they are performed.</summary>
    public IReadOnlyList<PlannedRun> Runs { get; }

    /// <summary>For a shard (<see cref="Shard"/>): its 0-based index; null for a whole plan.</summary>
    public int? ShardIndex { get; }

    /// <summary>For a shard: the number of shards; null for a whole plan.</summary>
    public int? ShardCount { get; }

    /// <summary>
    /// Shard <paramref name="index"/> of <paramref name="count"/>: the runs <see cref="BenchmarkShards.Assign"/> gives it, in
    /// plan order, with the plan's settings (and fingerprint). The shards of one plan hold every run exactly once, and
    /// every pre-trained network's runs are in one shard. Run each into its own folder and combine the folders with
    /// <see cref="BenchmarkResults.Merge"/>.
    /// </summary>
    /// <param name="index">The shard, 0-based (as JOB_COMPLETION_INDEX; see <see cref="BenchmarkShards.IndexFromEnvironment"/>).</param>
    /// <param name="count">The number of shards, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1, or an index outside 0 … count − 1.</exception>
    /// <exception cref="InvalidOperationException">This plan is already a shard.</exception>
    public BenchmarkPlan Shard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        if (ShardCount is not null)
        {
            throw new InvalidOperationException("This plan is a shard already; shard the whole plan.");
        }

        var shardOf = BenchmarkShards.Assign(Runs, count, Profile);
        return new BenchmarkPlan(this, Runs.Where((_, i) => shardOf[i] == index).ToArray(), index, count);
    }

    /// <summary>The CNN methods' training settings.</summary>
    public CnnSettings Cnn => Profile.Cnn(Device);

    /// <summary>
    /// What shapes the numbers (protocol and training sizes), stored in results.json: a resume or a merge of results
    /// made with another fingerprint is refused. See <see cref="BenchmarkProfile.Fingerprint"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fingerprint => Profile.Fingerprint(Protocol);

    /// <summary>What config.json records of this plan: its choices, the effective settings as text and the versions.</summary>
    public BenchmarkConfig Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        var trees = TreeSettings.SmallData;
        var cnn = Cnn;
        return new BenchmarkConfig(
            Splits.Select(s => s.Name).ToArray(),
            Seeds,
            Methods,
            Tasks.Select(BenchmarkTasks.Name).ToArray(),
            Profile.Name,
            Protocol.Name(),
            Overridden,
            new Dictionary<string, string>
            {
                ["trees"] = string.Create(inv, $"{trees.Leaves} leaves, ≥ {trees.MinimumExamplesPerLeaf} examples per leaf, {trees.Rounds} rounds, learning rate {trees.LearningRate}, 1 thread"),
                [BenchmarkConfig.CnnKey] = Profile.DescribeCnn(),
                ["cnnSimulatedPoints"] = cnn.SimulatedCount.ToString(inv),
                ["cnnPretrainingEpochs"] = cnn.Pretraining.MaxEpoch.ToString(inv),
                ["cnnFineTuningEpochs"] = cnn.FineTuning.MaxEpoch.ToString(inv),
                ["cnnFineTuningStepSize"] = cnn.FineTuning.StepSize.ToString(inv),
                ["impPretrainingRounds"] = cnn.Sparsity.PretrainingRounds.ToString(inv),
                ["impTransferRounds"] = cnn.Sparsity.TransferRounds.ToString(inv),
                ["birptGamma"] = cnn.Sparsity.Gamma.ToString("R", inv),
                ["birptMaskLearningRate"] = cnn.Sparsity.MaskLearningRate.ToString("R", inv),
                ["birptLowerLevelInterval"] = cnn.Sparsity.LowerLevelInterval.ToString(inv),
                ["birptGatedLayers"] = cnn.Sparsity.GatedLayers.ToString().ToLowerInvariant(),
                ["birptTargetJointSparsity"] = cnn.Sparsity.TargetJointSparsity is { } target
                    ? string.Create(inv, $"{target:R}, ranked by {BenchmarkProfile.RankingName(cnn.Sparsity.TargetSparsityRanking)}")
                    : "none",
                ["cnnDevice"] = cnn.Device,
                ["cnnPretrainSeed"] = PretrainSeed.ToString(inv),
                ["protocol"] = Protocol == EvaluationProtocol.BestTestEpoch ? EvaluationProtocols.Warning : EvaluationProtocols.FinalEpochDescription,
                ["epochCounting"] = "best-test-epoch counts every epoch trained on the experimental data: fine-tuning, then each transfer IMP round's epochs; Mix Training's and Bi-RPT's epochs; never pre-training",
                ["crossValidation"] = $"{BenchmarkSplit.Folds} folds pooled into one run per seed; under best-test-epoch each fold selects its own epoch",
            }.Concat(ShardCount is { } count
                ? [new KeyValuePair<string, string>(BenchmarkConfig.ShardKey, string.Create(inv, $"{ShardIndex + 1}/{count} ({Runs.Count} runs)"))]
                : []).ToDictionary(),
            BenchmarkConfig.CurrentVersions());
    }
}
