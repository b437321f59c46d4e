// Hand-Tune (iterative magnitude pruning while pre-training and while fine-tuning) with its rounds chosen by
// cross-validation: Fit scores every (N_s, N_t) pair by K-fold CV on the training part only, then trains the best pair
// on all of it. Prints the CV table, the chosen pair, the test MSE and the sparsity of the masks.
// Run: dotnet run hand-tune-rounds-search.cs   (a .NET 10 file-based app: no project file)
#:package XYield.ML@0.1.0
#:package TorchSharp-cpu@0.107.0
#:property PublishAot=false
#:property InvariantGlobalization=true

using Microsoft.ML;
using XYield.ML;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Simulated;
using XYield.ML.Data.Splits;
using XYield.ML.Estimators;
using XYield.ML.Methods.HandTune;
using XYield.ML.Models;
using XYield.ML.Training;

var ml = new MLContext(seed: 0);
var split = ExperimentalSplits.FewShot(ExperimentalDataSet.Load(), 0.10, seed: 0);   // 25 train / 213 test
var train = split.Train.ToDataView(ml);
var test = split.Test.ToDataView(ml);

// Small, fast settings: the paper searches N_s ∈ 0…5 × N_t ∈ 0…4 on the wide network, 100,000 simulated points and
// 10 + 90 epochs per round; here 0…2 × 0…2 with three folds on a narrow network.
var options = new YieldCnnTrainerOptions
{
    LabelColumnName = "YieldStrength",
    Network = new YieldCnnOptions { ConvolutionWidths = [8, 16, 16], HiddenWidth = 32 },
    Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, LearningRate = 1e-3 },
    FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 12, StepSize = 4 },
    Sparsity = new SparsityOptions { PruningRate = 0.2 },   // 20 % of the remaining weights per round; rounds come from the search
    RoundsSearch = new PruningRoundsSearchOptions { PretrainingRoundCandidates = [0, 1, 2], TransferRoundCandidates = [0, 1, 2], Folds = 3, Seed = 0 },
    SearchGroupColumnName = "Formula",   // one alloy at several temperatures stays in one fold
    Device = "cpu",
    CpuThreads = 1,   // a network this small gains nothing from a second thread, and on a busy machine libtorch's pool spins
    Seed = 0,
};
var simulated = SimulatedDataset.CreateImages(ml, YieldTask.Regression, 2_000, seed: 0);
var pipeline = ml.Transforms.FeaturizeAlloy().Append(ml.Regression.Trainers.YieldCnnHandTune(simulated, options));
using var model = pipeline.Fit(train);

// The search describes the fit (it is not saved with the model): one score per pair, each the mean over the folds.
var cnn = model.LastTransformer;
var search = cnn.RoundsSearch!;
var transferRounds = options.RoundsSearch.TransferRoundCandidates;
Console.WriteLine($"CV {search.MetricName}, {search.ValidationRows.Count} folds of the {split.Train.Count} training points:");
Console.WriteLine("         " + string.Join("", transferRounds.Select(t => $"  N_t = {t}")));
foreach (var ns in options.RoundsSearch.PretrainingRoundCandidates)
{
    Console.WriteLine($"  N_s = {ns}" + string.Join("", transferRounds.Select(nt => $"  {search[ns, nt].Mean,6:0.0000}{(search.Best == search[ns, nt] ? "*" : " ")}")));
}

var best = search.Best;
Console.WriteLine($"chosen: N_s = {best.PretrainingRounds}, N_t = {best.TransferRounds} (keeps {best.KeptFraction(options.Sparsity.PruningRate):P1} of the weights)");
var metrics = ml.Regression.Evaluate(model.Transform(test), labelColumnName: "YieldStrength");
Console.WriteLine($"test MSE {metrics.MeanSquaredError:0.0000} GPa², R² {metrics.RSquared:0.000}");
Console.WriteLine(cnn.Sparsity);   // per layer: zeros of m_s (pre-training), m_t (fine-tuning) and of their product

// Output, and the time it took in eng/check-package.sh on a shared 2-core CPU: 16 s wall clock, build included.
// CV MSE (GPa²), 3 folds of the 25 training points:
//            N_t = 0  N_t = 1  N_t = 2
//   N_s = 0  0.0946   0.0727   0.0573*
//   N_s = 1  0.0816   0.0727   0.0749
//   N_s = 2  0.0813   0.0732   0.0662
// chosen: N_s = 0, N_t = 2 (keeps 64.0 % of the weights)
// test MSE 0.0848 GPa², R² 0.625
// layer          weights     m_s     m_t   joint
// conv1              144   0.0 %  36.1 %  36.1 %
// conv2             1152   0.0 %  35.9 %  35.9 %
// conv3             2304   0.0 %  36.0 %  36.0 %
// fc1              82944   0.0 %  36.0 %  36.0 %
// head                32   0.0 %  34.4 %  34.4 %
// total            86576   0.0 %  36.0 %  36.0 %
