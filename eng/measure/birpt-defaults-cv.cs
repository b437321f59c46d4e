// Bi-RPT defaults by cross-validation on training parts only (never the test parts): for each few-shot split and seed,
// BiRptSearch scores a fixed list of candidate settings by 5-fold CV (folds grouped by composition) on the split's
// training part, from one dense pre-trained network. Prints one line per (split, seed, candidate) and a summary: mean CV
// MSE over the training parts, times ranked best, mean joint sparsity, and each candidate paired against the first.
// Run from the repository: dotnet run eng/measure/birpt-defaults-cv.cs -- [seeds] [epochs|paper] [defaults|targets|lower] [5|10]
// A number of epochs uses the quick profile's pre-training (4,000 simulated points, 2 epochs) and that many fine-tuning
// epochs; "paper" uses the paper profile's dense network from the pre-trained network cache (trained there if absent:
// about 40 minutes) and its 90 epochs. "targets" compares target joint sparsities, "lower" the lower-level learning rate
// λ_l (the source pull); the last argument restricts the run to one split (two processes can share the work).
#:project ../../src/XYield.ML.Benchmark/XYield.ML.Benchmark.csproj
#:package TorchSharp-cpu
#:property PublishAot=false
#:property InvariantGlobalization=true
#:property TreatWarningsAsErrors=false

using System.Globalization;
using Microsoft.ML;
using XYield.ML;
using XYield.ML.Benchmark.Methods;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Simulated;
using XYield.ML.Data.Splits;
using XYield.ML.Evaluation;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models;
using XYield.ML.Storage;
using XYield.ML.Training;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var paperProfile = args.Length > 1 && args[1] == "paper";
var epochs = paperProfile ? 90 : args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var study = args.Length > 2 ? args[2] : "defaults";
double[] fractions = args.Length > 3 ? [int.Parse(args[3], CultureInfo.InvariantCulture) / 100.0] : [0.05, 0.10];
var ml = new MLContext(seed: 0);
var fineTuning = StageOptions.PaperFineTuning with { MaxEpoch = epochs, StepSize = Math.Max(1, (epochs + 2) / 3) };
var training = new TrainingOptions { Device = "cpu", CpuThreads = 1 };
TrainingSet source;
PretrainedNetwork pretrained;
var benchmarkSparsity = new SparsityOptions();
var settings = CnnSettings.Paper("cpu");
// The benchmark's own network and simulated draw (same seed, same cache key), so the CV sees what its runs see; the
// cache owns the network, so it lives as long as the script.
using var cache = paperProfile ? new PretrainedCache(settings, new PretrainedNetworkStore(PretrainedNetworkStore.DefaultFolder()), report: Console.WriteLine) : null;
if (cache is not null)
{
    source = TrainingDataReader.Read(cache.Source(YieldTask.Regression), "simulated data", "Image", "YieldStrength", YieldTask.Regression, classCount: 5, ImageShape.PeriodicTable);
    pretrained = cache.Dense(YieldTask.Regression, null, CancellationToken.None);
    benchmarkSparsity = settings.Sparsity;
}
else
{
    source = TrainingDataReader.Read(SimulatedDataset.CreateImages(ml, YieldTask.Regression, 4_000, seed: 0),
        "simulated data", "Image", "YieldStrength", YieldTask.Regression, classCount: 5, ImageShape.PeriodicTable);
    pretrained = TrainingEngine.Pretrain(source, new YieldCnnOptions(), StageOptions.PaperPretraining with { MaxEpoch = 2 }, training);
}

using var quickNetwork = cache is null ? pretrained : null;

var paper = new SparsityOptions { SourceBatchSize = 16 };
SparsityOptions Fast(double? budget) => paper with { GatedLayers = BiRptGatedLayers.Convolutions, LowerLevelInterval = 10, ShrinkBudget = budget };
SparsityOptions[] candidates = study switch
{
    "targets" =>
    [
        Fast(null),
        Fast(null) with { TargetJointSparsity = 0.2, TargetSparsityRanking = TargetSparsityRanking.JointScore },
        Fast(null) with { TargetJointSparsity = 0.2, TargetSparsityRanking = TargetSparsityRanking.EffectiveWeight },
        Fast(null) with { TargetJointSparsity = 0.2, TargetSparsityRanking = TargetSparsityRanking.EffectiveWeight, GatedLayers = BiRptGatedLayers.All },
        Fast(null) with { TargetJointSparsity = 0.5, TargetSparsityRanking = TargetSparsityRanking.EffectiveWeight, GatedLayers = BiRptGatedLayers.All },
    ],
    // The defaults (λ_l = 1e-3 following the schedule, a 20 % target on the convolutions) against a weaker, no or a
    // stronger source pull, and against a smaller target.
    "lower" =>
    [
        benchmarkSparsity,
        benchmarkSparsity with { LowerLearningRate = 1e-4 },
        benchmarkSparsity with { LowerLearningRate = 0 },
        benchmarkSparsity with { LowerLearningRate = 3e-3 },
        benchmarkSparsity with { TargetJointSparsity = 0.1 },
    ],
    _ =>
    [
        paper,
        paper with { ShrinkBudget = 1 },
        Fast(null),
        Fast(0),
        Fast(0.5),
        Fast(1),
        Fast(2),
    ],
};

var experimental = ExperimentalDataSet.Load();
var rows = new List<(string Split, int Seed, int Candidate, double Mse, double Joint)>();
foreach (var fraction in fractions)
{
    for (var seed = 0; seed < seeds; seed++)
    {
        var part = ExperimentalSplits.FewShot(experimental, fraction, seed).Train;
        var view = ml.Transforms.FeaturizeAlloy().Fit(part.ToDataView(ml)).Transform(part.ToDataView(ml));
        var target = TrainingDataReader.Read(view, "training part", "Image", "YieldStrength", YieldTask.Regression, 5, ImageShape.PeriodicTable);
        var groups = part.Select(p => p.Composition.ToString()).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = BiRptSearch.Run(pretrained, source, target, new BiRptSearchOptions { Candidates = candidates, Folds = 5, Seed = seed, Groups = groups },
            fineTuning, candidates[0], training with { Seed = seed });
        for (var c = 0; c < candidates.Length; c++)
        {
            var score = result.Scores[c];
            rows.Add(($"{fraction:P0}", seed, c, score.Mean, score.MeanJointSparsity));
            Console.WriteLine($"{fraction:P0} seed {seed} [{c}] {score.Label,-40} CV MSE {score.Mean:0.00000}  joint sparsity {score.MeanJointSparsity:P1}");
        }

        Console.WriteLine($"{fraction:P0} seed {seed}: {target.Count} training points, {clock.Elapsed.TotalSeconds:0} s");
    }
}

Console.WriteLine();
foreach (var split in rows.Select(r => r.Split).Distinct())
{
    var parts = rows.Where(r => r.Split == split).ToArray();
    var best = parts.GroupBy(r => r.Seed).Select(g => g.MinBy(r => r.Mse).Candidate).ToArray();
    for (var c = 0; c < candidates.Length; c++)
    {
        var mine = parts.Where(r => r.Candidate == c).ToArray();
        Console.WriteLine($"{split} [{c}] {BiRptCandidateScore.Describe(candidates[c]),-40} mean CV MSE {mine.Average(r => r.Mse):0.00000}  best in {best.Count(b => b == c)}/{best.Length}  joint sparsity {mine.Average(r => r.Joint):P1}");
    }
}

// Each candidate against the first, paired by training part (every split run): mean difference of CV MSE and its 95 % interval.
var pairs = rows.GroupBy(r => (r.Split, r.Seed)).ToArray();
for (var c = 1; c < candidates.Length; c++)
{
    var differences = pairs.Select(g => g.Single(r => r.Candidate == c).Mse - g.Single(r => r.Candidate == 0).Mse).ToArray();
    var (mean, half, count) = MeanWithInterval.Of(differences);
    Console.WriteLine(count > 1
        ? $"[{c}] − [0]: {mean:+0.0000;-0.0000} [{mean - half:+0.0000;-0.0000}, {mean + half:+0.0000;-0.0000}] over {count} training parts"
        : $"[{c}] − [0]: {mean:+0.0000;-0.0000} on one training part (no interval)");
}
