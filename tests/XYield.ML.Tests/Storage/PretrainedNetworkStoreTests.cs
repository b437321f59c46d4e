using System.Text.Json.Nodes;
using XYield.ML.Models;
using XYield.ML.Storage;
using XYield.ML.Tests.Training;
using XYield.ML.Training;
using static XYield.ML.Tests.Training.SyntheticTwoDomainTask;

namespace XYield.ML.Tests.Storage;

[TestFixture]
[NonParallelizable]
public sealed class PretrainedNetworkStoreTests
{
    private static readonly StageOptions OneEpoch = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 16, LearningRate = 1e-3 };
    private static readonly SparsityOptions OneRound = new() { PretrainingRounds = 1, PretrainingRoundEpochs = 1 };
    private static readonly SparsityOptions TwoRounds = OneRound with { PretrainingRounds = 2 };

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-store-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Second_request_loads_the_stored_network_without_training()
    {
        var store = new PretrainedNetworkStore(_folder);
        var source = Set(Source(32, seed: 1));
        var probe = Target(10, seed: 8).Images;
        var first = Recorded(out var firstProgress);
        var second = Recorded(out var secondProgress);

        var trained = store.GetOrPretrain(source, SmallNetwork, OneEpoch, first);
        var loaded = store.GetOrPretrain(source, SmallNetwork, OneEpoch, second);
        using (trained.Network)
        using (loaded.Network)
        {
            Assert.That(trained.Loaded, Is.False);
            Assert.That(firstProgress.Reports, Is.Not.Empty, "the first request trains");
            Assert.That(loaded.Loaded, Is.True);
            Assert.That(secondProgress.Reports, Is.Empty, "the second request does not train");
            Assert.That(loaded.Key, Is.EqualTo(trained.Key).And.Match("^[0-9a-f]{64}$"));
            Assert.That(loaded.TrainingTime, Is.EqualTo(trained.TrainingTime).Within(TimeSpan.FromMilliseconds(1)), "the recorded training time");
            Assert.That(loaded.Network.Predict(probe), Is.EqualTo(trained.Network.Predict(probe)).AsCollection);
        }

        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { trained.Key + ".bin", trained.Key + ".json" }));
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, trained.Key + ".json")))!;
        Assert.That((string?)record["key"], Is.EqualTo(trained.Key));
        Assert.That((int?)record["description"]!["pretraining"]!["maxEpoch"], Is.EqualTo(1));
        Assert.That((int?)record["description"]!["data"]!["rows"], Is.EqualTo(32));
        Assert.That((string?)record["description"]!["kind"], Is.EqualTo("dense"));
    }

    [Test]
    public void Changed_configuration_is_a_miss()
    {
        var store = new PretrainedNetworkStore(_folder);
        var source = Set(Source(32, seed: 1));
        using var first = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0)).Network;

        var moreEpochs = store.GetOrPretrain(source, SmallNetwork, OneEpoch with { MaxEpoch = 2 }, Recorded(out var progress));
        using (moreEpochs.Network)
        {
            Assert.That(moreEpochs.Loaded, Is.False);
            Assert.That(progress.Reports.Max(r => r.Epoch), Is.EqualTo(2));
        }

        Assert.That(Directory.GetFiles(_folder, "*.bin"), Has.Length.EqualTo(2), "both entries are kept");
    }

    [Test]
    public void Changed_data_is_a_miss()
    {
        var store = new PretrainedNetworkStore(_folder);
        using var first = store.GetOrPretrain(Set(Source(32, seed: 1)), SmallNetwork, OneEpoch, Cpu(0)).Network;

        var otherDraw = store.GetOrPretrain(Set(Source(32, seed: 2)), SmallNetwork, OneEpoch, Cpu(0));
        var otherCount = store.GetOrPretrain(Set(Source(33, seed: 1)), SmallNetwork, OneEpoch, Cpu(0));
        using (otherDraw.Network)
        using (otherCount.Network)
        {
            Assert.That(otherDraw.Loaded, Is.False);
            Assert.That(otherCount.Loaded, Is.False);
        }

        // One changed label alone changes the key too.
        var (images, labels) = Source(32, seed: 1);
        var key = PretrainedNetworkStore.KeyOf(TrainingSet.ForRegression(images, labels, ImageShape.PeriodicTable), SmallNetwork, OneEpoch, options: Cpu(0));
        labels[31] += 1e-3f;
        Assert.That(PretrainedNetworkStore.KeyOf(TrainingSet.ForRegression(images, labels, ImageShape.PeriodicTable), SmallNetwork, OneEpoch, options: Cpu(0)), Is.Not.EqualTo(key));
    }

    [Test]
    public void Key_covers_seed_and_pretraining_sparsity_but_not_later_settings()
    {
        var source = Set(Source(16, seed: 1));
        string Key(SparsityOptions? sparsity = null, int seed = 0) => PretrainedNetworkStore.KeyOf(source, SmallNetwork, OneEpoch, sparsity, Cpu(seed));

        Assert.That(Key(seed: 1), Is.Not.EqualTo(Key()));
        Assert.That(Key(OneRound), Is.Not.EqualTo(Key()));
        Assert.That(Key(OneRound with { PruningRate = 0.3 }), Is.Not.EqualTo(Key(OneRound)));
        Assert.That(Key(OneRound with { PretrainingRoundEpochs = 2 }), Is.Not.EqualTo(Key(OneRound)));
        Assert.That(Key(OneRound with { PretrainingRoundEpochs = null }), Is.EqualTo(Key(OneRound)), "null round epochs means the stage's 1 epoch");
        Assert.That(Key(OneRound with { TransferRounds = 3, Gamma = 0.5 }), Is.EqualTo(Key(OneRound)), "fine-tuning and Bi-RPT settings act after pre-training");
        Assert.That(Key(OneRound with { PretrainingRounds = 0 }), Is.EqualTo(Key()), "N_s = 0 is the dense network");
    }

    /// <summary>The members that act only after pre-training; every other member, including any added later, is in the key.</summary>
    private static readonly string[] ActAfterPretraining =
    [
        nameof(SparsityOptions.TransferRounds), nameof(SparsityOptions.TransferRoundEpochs), nameof(SparsityOptions.Gamma),
        nameof(SparsityOptions.MaskLearningRate), nameof(SparsityOptions.LowerLearningRate), nameof(SparsityOptions.UpperLearningRate),
        nameof(SparsityOptions.LowerLearningRateFollowsSchedule), nameof(SparsityOptions.SourceBatchSize),
        nameof(SparsityOptions.UnrollSteps), nameof(SparsityOptions.LowerLevelInterval), nameof(SparsityOptions.InitialEpsilon),
        nameof(SparsityOptions.EpsilonDecay), nameof(SparsityOptions.InitialMaskScore), nameof(SparsityOptions.MinimumEpsilon),
        nameof(SparsityOptions.ShrinkBudget), nameof(SparsityOptions.ThresholdForm), nameof(SparsityOptions.GatedLayers),
        nameof(SparsityOptions.HyperGradientScale), nameof(SparsityOptions.MaskMomentum), nameof(SparsityOptions.MaskLearningRateFollowsSchedule),
        nameof(SparsityOptions.TargetJointSparsity), nameof(SparsityOptions.TargetSparsityRamp), nameof(SparsityOptions.TargetSparsityRanking),
    ];

    [Test]
    public void Every_sparsity_member_is_in_the_key_unless_it_acts_after_pretraining()
    {
        var source = Set(Source(16, seed: 1));
        string Key(SparsityOptions sparsity) => PretrainedNetworkStore.KeyOf(source, SmallNetwork, OneEpoch, sparsity, Cpu(0));
        var baseline = Key(OneRound);
        foreach (var property in typeof(SparsityOptions).GetProperties().Where(p => p.CanWrite))
        {
            // A different valid value of the member's type, set through a copy (records are immutable).
            var changed = OneRound with { };
            object value = property.PropertyType switch
            {
                var t when t == typeof(double) => (double)property.GetValue(OneRound)! * 0.5,
                var t when t == typeof(int) => (int)property.GetValue(OneRound)! + 1,
                var t when t == typeof(int?) => 7,
                var t when t == typeof(double?) => 0.5,
                var t when t == typeof(ProximalThresholdForm) => ProximalThresholdForm.Uniform,
                var t when t == typeof(BiRptGatedLayers) => BiRptGatedLayers.All,
                var t when t == typeof(TargetSparsityRanking) => TargetSparsityRanking.JointScore,
                var t when t == typeof(bool) => !(bool)property.GetValue(OneRound)!,
                var t when t == typeof(XYield.ML.Models.Masking.PruningScope) => XYield.ML.Models.Masking.PruningScope.Global,
                _ => throw new AssertionException($"Give the test a value for {property.Name} ({property.PropertyType})."),
            };
            property.SetValue(changed, value);
            changed.Validate();
            var expectation = ActAfterPretraining.Contains(property.Name) ? Is.EqualTo(baseline) : Is.Not.EqualTo(baseline);
            Assert.That(Key(changed), expectation, property.Name);
        }
    }

    [Test]
    public void Sparse_pretraining_continues_from_the_stored_dense_network_with_the_same_result()
    {
        var source = Set(Source(48, seed: 1));
        using var fromScratch = TrainingEngine.PretrainSparse(source, SmallNetwork, OneEpoch, TwoRounds, Cpu(0));
        var store = new PretrainedNetworkStore(_folder);
        using var dense = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0)).Network;
        var log = new List<string>();

        var stored = store.GetOrPretrainSparse(source, SmallNetwork, OneEpoch, TwoRounds, Recorded(out var progress) with { Log = log.Add });
        using var continued = stored.Network;

        Assert.That(stored.Loaded, Is.False);
        Assert.That(log, Has.One.StartsWith("Continuing from the stored dense pre-trained network"));
        Assert.That(progress.Reports.Select(r => r.Stage).Distinct(), Has.None.EqualTo("pretraining"), "only the IMP rounds ran");
        AssertSameSparseNetwork(continued, fromScratch, "bit-identical to pre-training from scratch");
    }

    [Test]
    public void Sparse_pretraining_stores_the_dense_network_and_every_round_as_it_reaches_them()
    {
        var source = Set(Source(48, seed: 1));
        using var afterOneRound = TrainingEngine.PretrainSparse(source, SmallNetwork, OneEpoch, OneRound, Cpu(0));
        var store = new PretrainedNetworkStore(_folder);

        using var sparse = store.GetOrPretrainSparse(source, SmallNetwork, OneEpoch, TwoRounds, Cpu(0)).Network;
        var dense = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Recorded(out var denseProgress));
        var oneRound = store.GetOrPretrainSparse(source, SmallNetwork, OneEpoch, OneRound, Recorded(out var roundProgress));
        using (dense.Network)
        using (oneRound.Network)
        {
            Assert.That(Directory.GetFiles(_folder, "*.bin"), Has.Length.EqualTo(3), "dense, N_s = 1 and N_s = 2");
            Assert.That(dense.Loaded && oneRound.Loaded, Is.True);
            Assert.That(denseProgress.Reports.Concat(roundProgress.Reports), Is.Empty, "neither trains again");
            AssertSameSparseNetwork(oneRound.Network, afterOneRound, "the stored round is the one-round network");
        }
    }

    [Test]
    public void An_interrupted_sparse_pretraining_resumes_after_its_last_completed_round_with_the_same_result()
    {
        var source = Set(Source(48, seed: 1));
        using var fromScratch = TrainingEngine.PretrainSparse(source, SmallNetwork, OneEpoch, TwoRounds, Cpu(0));
        var store = new PretrainedNetworkStore(_folder);
        using var stop = new CancellationTokenSource();
        var interrupted = Cpu(0) with { CancellationToken = stop.Token, Progress = new RecordingProgress(p => { if (p.Stage == "pretraining (IMP round 2)") { stop.Cancel(); } }) };

        Assert.Throws<OperationCanceledException>(() => store.GetOrPretrainSparse(source, SmallNetwork, OneEpoch, TwoRounds, interrupted));
        var log = new List<string>();
        var resumed = store.GetOrPretrainSparse(source, SmallNetwork, OneEpoch, TwoRounds, Recorded(out var progress) with { Log = log.Add });
        using var continued = resumed.Network;

        Assert.That(log, Has.One.StartsWith("Continuing from the stored network after 1 IMP round(s)").And.One.Contains("only the 1 remaining IMP round(s) run"));
        Assert.That(progress.Reports.Select(r => r.Stage).Distinct(), Is.EqualTo(new[] { "pretraining (IMP round 2)" }), "only round 2 ran again");
        AssertSameSparseNetwork(continued, fromScratch, "bit-identical to an uninterrupted run");
    }

    [Test]
    public void Sparse_network_is_stored_with_its_mask()
    {
        var store = new PretrainedNetworkStore(_folder);
        var source = Set(Source(32, seed: 1));

        var trained = store.GetOrPretrainSparse(source, SmallNetwork, OneEpoch, OneRound, Cpu(0));
        var loaded = store.GetOrPretrainSparse(source, SmallNetwork, OneEpoch, OneRound with { TransferRounds = 0 }, Recorded(out var progress));
        using (trained.Network)
        using (loaded.Network)
        {
            Assert.That(loaded.Loaded, Is.True, "pretrain-sparse (N_t = 0) reuses Hand-Tune's m_s network");
            Assert.That(progress.Reports, Is.Empty);
            Assert.That(trained.Network.Sparsity.Source, Is.EqualTo(0.2).Within(0.01));
            Assert.That(loaded.Network.Sparsity.Source, Is.EqualTo(trained.Network.Sparsity.Source));
        }
    }

    [Test]
    public void Corrupt_entry_is_reported_once_trained_again_and_overwritten()
    {
        var store = new PretrainedNetworkStore(_folder);
        var source = Set(Source(32, seed: 1));
        var probe = Target(10, seed: 8).Images;
        string key;
        float[] expected;
        using (var first = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0)).Network)
        {
            key = PretrainedNetworkStore.KeyOf(source, SmallNetwork, OneEpoch, options: Cpu(0));
            expected = first.Predict(probe);
        }

        var path = Path.Combine(_folder, key + ".bin");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var log = new List<string>();

        var retrained = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0) with { Log = log.Add });
        var reloaded = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0));
        using (retrained.Network)
        using (reloaded.Network)
        {
            Assert.That(retrained.Loaded, Is.False);
            Assert.That(log.Where(l => l.StartsWith("Warning:", StringComparison.Ordinal)), Has.Exactly(1).Contains("cannot be read").And.Contains(path));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes), "overwritten with the same (deterministic) network");
            Assert.That(reloaded.Loaded, Is.True);
            Assert.That(reloaded.Network.Predict(probe), Is.EqualTo(expected).AsCollection);
        }

        Assert.That(Directory.GetFiles(_folder, "*.tmp*"), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public void Entry_with_a_non_finite_weight_is_a_miss_even_with_a_matching_checksum()
    {
        var (store, source, key, expected) = StoredEntry();
        var path = Path.Combine(_folder, key + ".bin");
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, WeightOffsets.FirstFloat(bytes, "head.bias"));
        File.WriteAllBytes(path, bytes);
        RecordChecksum(key, bytes);
        var log = new List<string>();

        var retrained = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0) with { Log = log.Add });
        using (retrained.Network)
        {
            Assert.That(retrained.Loaded, Is.False);
            Assert.That(log, Has.Exactly(1).Contains("NaN or infinity").And.Contains(path));
            Assert.That(retrained.Network.Predict(Target(10, seed: 8).Images), Is.EqualTo(expected).AsCollection);
        }

        using var reloaded = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0)).Network;
        Assert.That(reloaded.Predict(Target(10, seed: 8).Images), Is.EqualTo(expected).AsCollection, "the entry was replaced");
    }

    [Test]
    public void Entry_whose_bytes_fail_the_checksum_is_a_miss()
    {
        var (store, source, key, expected) = StoredEntry();
        var path = Path.Combine(_folder, key + ".bin");
        var bytes = File.ReadAllBytes(path);
        bytes[WeightOffsets.FirstFloat(bytes, "head.bias")] ^= 1; // the lowest mantissa bit: still finite and loadable, not what was stored
        File.WriteAllBytes(path, bytes);
        var log = new List<string>();

        var retrained = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0) with { Log = log.Add });
        using (retrained.Network)
        {
            Assert.That(retrained.Loaded, Is.False);
            Assert.That(log, Has.Exactly(1).Contains("do not match the checksum"));
            Assert.That(retrained.Network.Predict(Target(10, seed: 8).Images), Is.EqualTo(expected).AsCollection);
        }
    }

    [Test]
    public void Temporary_files_of_killed_writers_are_removed_and_live_ones_kept()
    {
        string Temporary(int pid) => Path.Combine(_folder, $"{new string('a', 64)}.bin.{pid}.{Guid.NewGuid():N}.tmp.bin");
        var dead = Temporary(int.MaxValue);          // no such process
        var mine = Temporary(Environment.ProcessId); // a writer of this process, still at work
        var reused = Temporary(1);                   // pid 1 runs, but the file is two days old: a reused id
        var unrelated = Path.Combine(_folder, "notes.tmp");
        foreach (var file in new[] { dead, mine, reused, unrelated })
        {
            File.WriteAllText(file, "partial");
        }

        File.SetLastWriteTimeUtc(reused, DateTime.UtcNow.AddDays(-2));
        var log = new List<string>();

        using (new PretrainedNetworkStore(_folder).GetOrPretrain(Set(Source(16, seed: 1)), SmallNetwork, OneEpoch, Cpu(0) with { Log = log.Add }).Network)
        {
        }

        Assert.That(File.Exists(dead), Is.False);
        Assert.That(File.Exists(reused), Is.False);
        Assert.That(File.Exists(mine), Is.True);
        Assert.That(File.Exists(unrelated), Is.True, "only files named as AtomicFile names them are touched");
        Assert.That(log, Has.Exactly(1).Contains("Removed 2 temporary file(s)"));
    }

    [Test]
    public void Entry_record_holds_the_sha256_of_its_weights()
    {
        var (_, _, key, _) = StoredEntry();
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, key + ".json")))!;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_folder, key + ".bin"))));
        Assert.That((string?)record["sha256"], Is.EqualTo(hash));
    }

    private (PretrainedNetworkStore Store, TrainingSet Source, string Key, float[] Expected) StoredEntry()
    {
        var store = new PretrainedNetworkStore(_folder);
        var source = Set(Source(32, seed: 1));
        using var first = store.GetOrPretrain(source, SmallNetwork, OneEpoch, Cpu(0)).Network;
        return (store, source, PretrainedNetworkStore.KeyOf(source, SmallNetwork, OneEpoch, options: Cpu(0)), first.Predict(Target(10, seed: 8).Images));
    }

    private void RecordChecksum(string key, byte[] bytes)
    {
        var path = Path.Combine(_folder, key + ".json");
        var record = JsonNode.Parse(File.ReadAllText(path))!;
        record["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        File.WriteAllText(path, record.ToJsonString());
    }

    [Test]
    public void Unwritable_folder_is_reported_and_the_network_still_returned()
    {
        // A folder inside a regular file cannot be created, even by root.
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "");
        var store = new PretrainedNetworkStore(Path.Combine(file, "store"));
        var log = new List<string>();

        var result = store.GetOrPretrain(Set(Source(16, seed: 1)), SmallNetwork, OneEpoch, Cpu(0) with { Log = log.Add });
        using (result.Network)
        {
            Assert.That(result.Loaded, Is.False);
            Assert.That(log, Has.Exactly(1).StartsWith("Warning: cannot store the pre-trained network"));
        }
    }

    // The same m_s mask and the same predictions, to the bit, on target images neither network trained on.
    private static void AssertSameSparseNetwork(PretrainedNetwork actual, PretrainedNetwork expected, string because)
    {
        var probe = Target(10, seed: 8).Images;
        Assert.That(actual.Sparsity.Source, Is.EqualTo(expected.Sparsity.Source), because);
        Assert.That(actual.Predict(probe), Is.EqualTo(expected.Predict(probe)).AsCollection, because);
    }

    private static TrainingOptions Cpu(int seed) => new() { Device = "cpu", Seed = seed, ProgressInterval = 1 };

    private static TrainingOptions Recorded(out RecordingProgress progress)
    {
        progress = new RecordingProgress();
        return Cpu(0) with { Progress = progress };
    }
}
