using XYield.ML.Benchmark.Report;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Tests;

[TestFixture]
[NonParallelizable]
public sealed class ShardingTests
{
    private static readonly BenchmarkOptions Everything = new()
    {
        Methods = BenchmarkMethods.Names,
        Profile = BenchmarkProfile.Paper,
    };

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-shards-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    public void Every_run_is_in_exactly_one_shard_in_plan_order(int count)
    {
        var plan = new BenchmarkPlan(Everything);

        var shards = Enumerable.Range(0, count).Select(i => plan.Shard(i, count)).ToArray();

        Assert.That(shards.SelectMany(s => s.Runs).Select(r => r.Key), Is.EquivalentTo(plan.Runs.Select(r => r.Key)));
        Assert.That(shards.SelectMany(s => s.Runs).Select(r => r.Key).Distinct().Count(), Is.EqualTo(plan.Runs.Count));
        foreach (var shard in shards)
        {
            var positions = shard.Runs.Select(r => plan.Runs.ToList().IndexOf(r)).ToArray();
            Assert.That(positions, Is.Ordered, "a shard keeps the plan's order (seeds outermost)");
            Assert.That(shard.Fingerprint, Is.EquivalentTo(plan.Fingerprint));
        }
    }

    [Test]
    public void The_partition_is_deterministic()
    {
        var first = Enumerable.Range(0, 3).Select(i => new BenchmarkPlan(Everything).Shard(i, 3).Runs.Select(r => r.Key).ToArray()).ToArray();
        var second = Enumerable.Range(0, 3).Select(i => new BenchmarkPlan(Everything).Shard(i, 3).Runs.Select(r => r.Key).ToArray()).ToArray();

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase(2, 2)]
    [TestCase(3, 2)]
    [TestCase(4, 0)]
    public void A_pretrained_networks_runs_stay_in_one_shard_and_the_work_is_spread(int count, int pretrainingRounds)
    {
        var plan = new BenchmarkPlan(new BenchmarkOptions { Methods = BenchmarkMethods.Names, Profile = BenchmarkProfile.Paper with { PretrainingRounds = pretrainingRounds } });
        var sparseIsDense = pretrainingRounds == 0;

        var shards = Enumerable.Range(0, count).Select(i => plan.Shard(i, count)).ToArray();

        var groups = shards.SelectMany((s, i) => s.Runs.Select(r => (Group: BenchmarkShards.Group(r, sparseIsDense), Shard: i))).Where(g => g.Group is not null).ToArray();
        Assert.That(groups.GroupBy(g => g.Group).Select(g => g.Select(x => x.Shard).Distinct().Count()), Is.All.EqualTo(1), "each network is pre-trained by one shard");
        Assert.That(groups.Select(g => g.Group).Distinct().Count(), Is.EqualTo(sparseIsDense ? 2 : 4), "N_s = 0: the sparse methods share the dense network");
        Assert.That(shards, Has.All.Matches<BenchmarkPlan>(s => s!.Runs.Count > 0), "no shard is idle");
    }

    [Test]
    public void A_pre_training_costs_its_steps_in_fine_tunes_so_mix_is_heavy_on_the_paper_profile()
    {
        // Paper: 10 epochs × 100,000 / 16 = 62,500 steps against 90 epochs × ⌈25 / 4⌉ = 630; quick: 2 × 250 = 500 against 30 × 7.
        Assert.That(BenchmarkMethods.PretrainingCost(BenchmarkProfile.Paper), Is.EqualTo(62_500 / 630.0).Within(1e-9));
        Assert.That(BenchmarkMethods.PretrainingCost(BenchmarkProfile.Quick), Is.EqualTo(500 / 210.0).Within(1e-9));
        Assert.That(BenchmarkMethods.RelativeCost("mix", BenchmarkProfile.Paper), Is.EqualTo(BenchmarkMethods.PretrainingCost(BenchmarkProfile.Paper)));
        Assert.That(BenchmarkMethods.RelativeCost("handtune", BenchmarkProfile.Paper with { TransferRounds = 3 }), Is.EqualTo(4));
        Assert.That(BenchmarkMethods.RelativeCost("forest+mc", BenchmarkProfile.Paper), Is.EqualTo(0.05));
    }

    [Test]
    public void On_the_paper_profile_the_shard_that_pre_trains_gets_fewer_mix_runs()
    {
        // One dense group (pt: a pre-training ≈ 99 fine-tunes, then 20 of them) and 20 Mix runs of ≈ 99 each over 2 shards.
        var plan = new BenchmarkPlan(new BenchmarkOptions { Methods = ["pt", "mix"], Tasks = [YieldTask.Regression], Profile = BenchmarkProfile.Paper with { Splits = "5,10" } });

        var shards = Enumerable.Range(0, 2).Select(i => plan.Shard(i, 2)).ToArray();

        var pretraining = Array.FindIndex(shards, s => s.Runs.Any(r => r.Method == "pt"));
        var mixRuns = shards.Select(s => s.Runs.Count(r => r.Method == "mix")).ToArray();
        Assert.That(mixRuns.Sum(), Is.EqualTo(20));
        Assert.That(mixRuns[pretraining], Is.EqualTo(mixRuns[1 - pretraining] - 2), "the pre-training and 20 fine-tunes weigh about two Mix runs");
    }

    [Test]
    public void Shard_arguments_are_checked()
    {
        var plan = new BenchmarkPlan(Everything);

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.Shard(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.Shard(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.Shard(0, 0));
        Assert.Throws<InvalidOperationException>(() => plan.Shard(0, 2).Shard(0, 2));
    }

    [TestCase("2", null, 2)]
    [TestCase(null, "1", 1)]
    [TestCase("0", "2", 0)]
    public void The_index_comes_from_the_Kubernetes_then_the_Slurm_variable(string? kubernetes, string? slurm, int expected)
    {
        var environment = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = kubernetes, ["SLURM_ARRAY_TASK_ID"] = slurm };

        Assert.That(BenchmarkShards.IndexFromEnvironment(3, name => environment.GetValueOrDefault(name)), Is.EqualTo(expected));
    }

    [TestCase(null, null, "Neither JOB_COMPLETION_INDEX")]
    [TestCase("3", null, "JOB_COMPLETION_INDEX is '3'; expected a 0-based shard index from 0 to 2")]
    [TestCase(null, "x", "SLURM_ARRAY_TASK_ID is 'x'")]
    public void A_missing_or_bad_index_variable_is_explained(string? kubernetes, string? slurm, string message)
    {
        var environment = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = kubernetes, ["SLURM_ARRAY_TASK_ID"] = slurm };

        var error = Assert.Throws<InvalidOperationException>(() => BenchmarkShards.IndexFromEnvironment(3, name => environment.GetValueOrDefault(name)));

        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public void Three_merged_shards_give_the_tables_of_one_unsharded_run()
    {
        var plan = new BenchmarkPlan(new BenchmarkOptions
        {
            Methods = ["mc", "lgbm", "np", "pt", "handtune"],
            Tasks = [YieldTask.Regression],
            Profile = BenchmarkProfile.Quick with { Seeds = 2, Splits = "5", SimulatedCount = 48, PretrainingEpochs = 1, FineTuningEpochs = 2 },
            Device = "cpu",
        });

        var whole = Runner("whole").Run(plan);
        var parts = Enumerable.Range(0, 3).Select(i => Runner($"shard-{i + 1}-of-3").Run(plan.Shard(i, 3))).ToArray();
        var merged = BenchmarkResults.Merge(Enumerable.Range(0, 3).Select(i => BenchmarkResults.Load(Path.Combine(_folder, $"shard-{i + 1}-of-3"))).ToArray());

        Assert.That(parts.Select(p => p.Runs.Count), Has.All.GreaterThan(0));
        Assert.That(merged.Runs, Is.EqualTo(whole.Runs), "the same runs with the same numbers, in plan order");
        Assert.That(Table2(merged), Is.EqualTo(Table2(whole)));
        Assert.That(merged.Config.Settings.ContainsKey(BenchmarkConfig.ShardKey), Is.False);
        merged.WriteReport(Path.Combine(_folder, "merged"));
        Assert.That(Section(Path.Combine(_folder, "merged")), Is.EqualTo(Section(Path.Combine(_folder, "whole"))), "report.md's Table 2 is identical");
    }

    [Test]
    public void Merging_refuses_other_settings_and_conflicting_runs()
    {
        var quick = BenchmarkProfile.Quick;
        var a = new BenchmarkResults(BenchmarkConfig.Of([]), [new RunResult("mc", RunResult.Regression, "5", 0, 0.2, []), new RunResult("pt", RunResult.Regression, "5", 0, 0.1, [])], quick.Fingerprint(EvaluationProtocol.FinalEpoch), "a");
        var other = new BenchmarkResults(BenchmarkConfig.Of([]), [new RunResult("np", RunResult.Regression, "5", 1, 0.1, [])], (quick with { FineTuningEpochs = 9 }).Fingerprint(EvaluationProtocol.FinalEpoch), "b");
        var conflict = new BenchmarkResults(BenchmarkConfig.Of([]), [new RunResult("mc", RunResult.Regression, "5", 0, 0.3, [])], quick.Fingerprint(EvaluationProtocol.FinalEpoch), "c");
        var same = new BenchmarkResults(BenchmarkConfig.Of([]), [new RunResult("mc", RunResult.Regression, "5", 0, 0.2, [])], quick.Fingerprint(EvaluationProtocol.FinalEpoch), "d");

        var settings = Assert.Throws<InvalidDataException>(() => BenchmarkResults.Merge([a, other]));
        var numbers = Assert.Throws<InvalidDataException>(() => BenchmarkResults.Merge([a, conflict]));

        Assert.That(settings!.Message, Does.Contain("'b' was made with other settings than 'a'").And.Contain("--finetune-epochs 30 vs 9").And.Contain("its np runs depend on it"));
        Assert.That(numbers!.Message, Does.Contain("'a' and 'c' both hold mc regression split 5 seed 0, with different numbers"));
        Assert.That(BenchmarkResults.Merge([a, same]).Runs, Has.Count.EqualTo(2), "an identical duplicate is kept once");
    }

    [Test]
    public void Merging_accepts_parts_that_differ_only_in_settings_their_runs_ignore()
    {
        var untargeted = BenchmarkProfile.Paper with { BiRptTargetJointSparsity = null };
        var targeted = BenchmarkProfile.Paper with { BiRptTargetJointSparsity = 0.2 };
        RunResult[] old = [new RunResult("pt", RunResult.Regression, "5", 0, 0.1, []), new RunResult("forest+mc", RunResult.Regression, "5", 0, 0.2, [])];
        RunResult[] later = [new RunResult("birpt", RunResult.Regression, "5", 0, 0.1, []), new RunResult("pt", RunResult.Regression, "5", 0, 0.1, [])];
        var baselines = new BenchmarkResults(BenchmarkConfig.Of(old), old, untargeted.Fingerprint(EvaluationProtocol.FinalEpoch), "old");
        var birpt = new BenchmarkResults(BenchmarkConfig.Of(later), later, targeted.Fingerprint(EvaluationProtocol.FinalEpoch), "new");
        var otherTarget = new BenchmarkResults(BenchmarkConfig.Of([]), [new RunResult("birpt", RunResult.Regression, "5", 1, 0.1, [])], (BenchmarkProfile.Paper with { BiRptTargetJointSparsity = 0.5 }).Fingerprint(EvaluationProtocol.FinalEpoch), "half");

        var merged = BenchmarkResults.Merge([baselines, birpt]);
        var refused = Assert.Throws<InvalidDataException>(() => BenchmarkResults.Merge([birpt, otherTarget]));

        Assert.That(merged.Runs.Select(r => r.Method), Is.EqualTo(new[] { "forest+mc", "pt", "birpt" }), "pt, the same in both, kept once; two plans' methods in report order");
        Assert.That(merged.Fingerprint, Is.EqualTo(targeted.Fingerprint(EvaluationProtocol.FinalEpoch)), "the target as the Bi-RPT runs were made, so a resume with it is accepted");
        Assert.That(merged.Config.Settings[BenchmarkConfig.MergedKey], Does.Contain("--birpt-target 0.2 (as 'new' made the runs that depend on it)"));
        Assert.That(refused!.Message, Does.Contain("--birpt-target 0.2 vs 0.5").And.Contain("its birpt runs depend on it"));
        merged.WriteReport(Path.Combine(_folder, "merged"));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "merged", "report.md")), Does.Contain("Merged from folders whose settings differed where only some methods depend on them: --birpt-ranking weights (as 'new'"));
        Assert.That(BenchmarkMethods.DependsOn("forest+mc", "--finetune-epochs"), Is.False, "a baseline trains no network");
        Assert.That(BenchmarkMethods.DependsOn("pt", "--birpt-target") || BenchmarkMethods.DependsOn("pt", "--ns"), Is.False);
        Assert.That(BenchmarkMethods.DependsOn("handtune", "--ns") && BenchmarkMethods.DependsOn("pt-forest+mc", "--pretrain-epochs"), Is.True);
        Assert.That(new[] { "--search", "--budgets", "--lower-rates" }.Select(o => (BenchmarkMethods.DependsOn("pt", o), BenchmarkMethods.DependsOn("handtune", o), BenchmarkMethods.DependsOn("birpt", o))),
            Is.All.EqualTo((false, false, true)), "the coefficient search acts in Bi-RPT only");
    }

    private BenchmarkRunner Runner(string folder) => new(new BenchmarkRunnerOptions { OutputFolder = Path.Combine(_folder, folder), Data = BenchmarkTestData.Points });

    private static string[] Table2(BenchmarkResults results) =>
        results.MetricTable(YieldTask.Regression).SelectMany(r => r.BySplit.Select(s => $"{r.Method} {s.Key} {s.Value}")).ToArray();

    private static string Section(string folder)
    {
        var report = File.ReadAllText(Path.Combine(folder, "report.md"));
        var start = report.IndexOf("## Table 2", StringComparison.Ordinal);
        return report[start..report.IndexOf("## ", start + 3, StringComparison.Ordinal)];
    }
}
