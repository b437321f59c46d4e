using XYield.ML.Benchmark;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Benchmark.Report;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Storage;
using XYield.ML.Training;

namespace XYield.ML.Benchmark.Tests.Methods;

/// <summary>
/// The benchmark's pre-training path as <c>xyield benchmark</c> wires it (cache, store, methods, runner), at tiny sizes:
/// 48 simulated points, one epoch per stage.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PretrainedCacheTests
{
    private static readonly CnnSettings Tiny = new(
        48, StageOptions.PaperPretraining with { MaxEpoch = 1 }, StageOptions.PaperFineTuning with { MaxEpoch = 1 }, "cpu");

    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("xyield-pretrained-cache-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Second_benchmark_invocation_loads_every_network_and_reproduces_the_results()
    {
        var store = Path.Combine(_folder, "store");

        var first = Invoke(new PretrainedNetworkStore(store), pretrainSeed: 0, "first");
        var second = Invoke(new PretrainedNetworkStore(store), pretrainSeed: 0, "second");

        // Two fine-tune seeds, one network per configuration: pt's dense one and Hand-Tune's m_s one.
        Assert.That(first.Lines, Has.Count.EqualTo(2), string.Join('\n', first.Lines));
        Assert.That(first.Lines, Has.Exactly(1).Match(@"^regression dense network: pre-trained \(\d+\.\d s\), cached as [0-9a-f]{64}$"));
        Assert.That(first.Lines, Has.Exactly(1).Match(@"^regression sparse network \(N_s = 2\): pre-trained \(\d+\.\d s\), cached as [0-9a-f]{64}$"));
        Assert.That(second.Lines, Is.EqualTo(first.Keys.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => k.Key == "regression dense" ? $"regression dense network: loaded from cache {k.Value}" : $"regression sparse network (N_s = 2): loaded from cache {k.Value}")));
        Assert.That(second.Keys, Is.EquivalentTo(first.Keys));
        // Beside the two networks used, the m_s network after one of its two rounds (kept so an interrupted run resumes there).
        Assert.That(Directory.GetFiles(store, "*.bin").Select(Path.GetFileNameWithoutExtension).ToArray(), Has.Length.EqualTo(3).And.SupersetOf(first.Keys.Values));
        Assert.That(second.Results.Select(r => r.Metric), Is.EqualTo(first.Results.Select(r => r.Metric)), "a loaded network fine-tunes exactly as the trained one");
        Assert.That(first.Results.Select(r => r.Method).Distinct(), Is.EquivalentTo(new[] { "pt", "handtune" }));

        // Hand-Tune's runs carry the sparsity of its saved masks (N_s = 2, N_t = 1: 1 − 0.8³ of the weights removed); pt's none.
        Assert.That(first.Results.Where(r => r.Method == "pt").Select(r => r.Sparsity), Is.All.Null);
        foreach (var handTune in first.Results.Where(r => r.Method == "handtune"))
        {
            var sparsity = new SparsityReport(handTune.Sparsity!);
            Assert.That(sparsity.Source, Is.EqualTo(1 - (0.8 * 0.8)).Within(0.002), "m_s after two rounds");
            Assert.That(sparsity.Joint, Is.EqualTo(1 - (0.8 * 0.8 * 0.8)).Within(0.002), "m_s ⊙ m_t after one more");
        }
    }

    [Test]
    public void Another_pretraining_seed_is_a_miss_and_no_cache_stores_nothing()
    {
        var store = Path.Combine(_folder, "store");
        var seed0 = Invoke(new PretrainedNetworkStore(store), pretrainSeed: 0, "seed0", "pt");

        var seed1 = Invoke(new PretrainedNetworkStore(store), pretrainSeed: 1, "seed1", "pt");
        var uncached = Invoke(null, pretrainSeed: 0, "uncached", "pt");

        Assert.That(seed1.Lines, Has.Exactly(1).Contains("pre-trained").And.Contains("cached as"));
        Assert.That(seed1.Keys["regression dense"], Is.Not.EqualTo(seed0.Keys["regression dense"]));
        Assert.That(uncached.Lines, Has.Exactly(1).Match(@"^regression dense network: pre-trained \(\d+\.\d s\), not cached \(no store\)$"));
        Assert.That(uncached.Keys, Is.Empty);
        Assert.That(uncached.Results.Select(r => r.Metric), Is.EqualTo(seed0.Results.Select(r => r.Metric)), "the store changes nothing but the time");
        Assert.That(Directory.GetFiles(store, "*.bin"), Has.Length.EqualTo(2));
    }

    [TestCase("/x/cache", "/x/xdg", "/x/cache")]
    [TestCase(null, "/x/xdg", "/x/xdg/xyield")]
    [TestCase("", "", "~/.cache/xyield")]
    public void Default_cache_folder_follows_XYIELD_CACHE_then_XDG_CACHE_HOME_then_home(string? xyield, string? xdg, string expected)
    {
        var environment = new Dictionary<string, string?> { ["XYIELD_CACHE"] = xyield, ["XDG_CACHE_HOME"] = xdg };
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var folder = PretrainedNetworkStore.DefaultFolder(name => environment.GetValueOrDefault(name));

        Assert.That(folder, Is.EqualTo(expected.Replace("~", home, StringComparison.Ordinal).Replace('/', Path.DirectorySeparatorChar)));
    }

    // One `xyield benchmark` invocation: its own cache and result store, on the 5 % split; two fine-tune seeds for pt and
    // Hand-Tune by default, one for a single named method.
    private (List<string> Lines, Dictionary<string, string> Keys, IReadOnlyList<RunResult> Results) Invoke(
        PretrainedNetworkStore? store, int pretrainSeed, string output, string? method = null)
    {
        var lines = new List<string>();
        using var cache = new PretrainedCache(Tiny, store, pretrainSeed, lines.Add);
        var methods = (method is null ? ["pt", "handtune"] : new[] { method }).ToDictionary(n => n, n => BenchmarkMethods.Create(n, cache));
        var plan = (from seed in method is null ? [0, 1] : new[] { 0 }
                    from name in methods.Keys
                    select new PlannedRun(name, YieldTask.Regression, BenchmarkSplit.Parse("5"), seed)).ToArray();
        var results = ResultStore.Open(Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, output)).FullName, ResultStore.FileName));
        BenchmarkRunner.RunMissing(plan, name => methods[name], BenchmarkTestData.Points, results);
        return (lines, cache.Keys.ToDictionary(), results.Results);
    }
}
