using System.Globalization;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods.HandTune;

/// <summary>
/// Chooses Hand-Tune's IMP round counts N_s and N_t as the paper did (Chen et al., CPAL 2024, §5): a grid search over the
/// candidate pairs, each scored by K-fold cross-validation on the target TRAINING part only. The test set is never an
/// input, so it cannot influence the choice.
/// </summary>
/// <remarks>
/// Cost: IMP rounds are sequential, so one sparse pre-training with max N_s rounds gives the network for every candidate
/// N_s (a copy after each round), and for each (N_s, fold) one sparse fine-tune with max N_t rounds gives every candidate
/// N_t (the validation fold is predicted after each round). That is 1 pre-training and |N_s| × K fine-tunes, instead of
/// |N_s| × |N_t| pre-trainings and |N_s| × |N_t| × K fine-tunes. Same seed, same result: every entry equals what
/// <see cref="TrainingEngine.PretrainSparse"/> and <see cref="TrainingEngine.FineTuneSparse"/> give with exactly those rounds
/// on the fold's training rows (the rounds draw no torch randomness; shuffling is seeded per stage).
/// </remarks>
public static class PruningRoundsSearch
{
    /// <summary>Scores every (N_s, N_t) pair by K-fold cross-validation on <paramref name="target"/>.</summary>
    /// <param name="source">The source (simulated) data to pre-train on.</param>
    /// <param name="target">The target TRAINING part (never the test set): it is split into the folds.</param>
    /// <param name="search">Candidates, folds, fold seed and optional groups; null for the defaults (0..3 × 0..3, 5 folds).</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="pretraining">The pre-training stage; null for the paper's.</param>
    /// <param name="fineTuning">The fine-tuning stage; null for the paper's.</param>
    /// <param name="sparsity">Pruning rate, scope and per-round epochs; its round counts are replaced by the candidates.</param>
    /// <param name="options">Device, seed, progress (stage names carry the fold and N_s), cancellation.</param>
    /// <exception cref="ArgumentException">Bad candidates, folds or groups (the message names the member and value).</exception>
    /// <exception cref="OperationCanceledException">The cancellation token fired.</exception>
    public static PruningRoundsSearchResult Run(
        TrainingSet source,
        TrainingSet target,
        PruningRoundsSearchOptions? search = null,
        YieldCnnOptions? network = null,
        StageOptions? pretraining = null,
        StageOptions? fineTuning = null,
        SparsityOptions? sparsity = null,
        TrainingOptions? options = null)
    {
        var (result, chosen) = Search(source, target, search, network, pretraining, fineTuning, sparsity, options, keepBest: false);
        chosen?.Dispose();
        return result;
    }

    /// <summary>
    /// Hand-Tune with searched rounds: <see cref="Run"/>, then Hand-Tune on the whole of <paramref name="target"/> with the
    /// best pair. The pre-trained network for the best N_s is the search's own copy, so nothing is pre-trained twice.
    /// </summary>
    /// <param name="source">The source (simulated) data to pre-train on.</param>
    /// <param name="target">The target TRAINING part (never the test set).</param>
    /// <param name="search">The table the search produced (its <see cref="PruningRoundsSearchResult.Best"/> was trained).</param>
    /// <param name="searchOptions">Candidates, folds, fold seed and optional groups; null for the defaults.</param>
    /// <param name="network">The architecture; null for the defaults with the data's task.</param>
    /// <param name="pretraining">The pre-training stage; null for the paper's.</param>
    /// <param name="fineTuning">The fine-tuning stage; null for the paper's.</param>
    /// <param name="sparsity">Pruning rate, scope and per-round epochs; its round counts are replaced by the best pair.</param>
    /// <param name="options">Device, seed, progress, cancellation.</param>
    public static TrainedYieldModel HandTune(
        TrainingSet source,
        TrainingSet target,
        out PruningRoundsSearchResult search,
        PruningRoundsSearchOptions? searchOptions = null,
        YieldCnnOptions? network = null,
        StageOptions? pretraining = null,
        StageOptions? fineTuning = null,
        SparsityOptions? sparsity = null,
        TrainingOptions? options = null)
    {
        var (result, chosen) = Search(source, target, searchOptions, network, pretraining, fineTuning, sparsity, options, keepBest: true);
        using (chosen)
        {
            search = result;
            var best = (sparsity ?? new SparsityOptions()) with { PretrainingRounds = result.Best.PretrainingRounds, TransferRounds = result.Best.TransferRounds };
            return TrainingEngine.FineTuneSparse(chosen!, target, fineTuning, best, options);
        }
    }

    private static (PruningRoundsSearchResult Result, PretrainedNetwork? Best) Search(
        TrainingSet source,
        TrainingSet target,
        PruningRoundsSearchOptions? search,
        YieldCnnOptions? network,
        StageOptions? pretraining,
        StageOptions? fineTuning,
        SparsityOptions? sparsity,
        TrainingOptions? options,
        bool keepBest)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        search ??= new PruningRoundsSearchOptions();
        search.Validate(target.Count);
        sparsity ??= new SparsityOptions();
        sparsity.Validate();
        options ??= new TrainingOptions();
        options.Validate();

        var folds = TargetFolds.Assign(target.Count, search.Folds, search.Seed, search.Groups);
        var ns = search.PretrainingRoundCandidates;
        var nt = search.TransferRoundCandidates;
        var metrics = new double[ns.Count, nt.Count, folds.Length];
        var snapshots = HandTuneSnapshots.PretrainSparseSnapshots(source, ns.ToArray(), network, pretraining, sparsity, options);
        try
        {
            var transfer = sparsity with { TransferRounds = nt.Max() };
            for (var i = 0; i < ns.Count; i++)
            {
                for (var f = 0; f < folds.Length; f++)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                    var validation = folds[f];
                    var train = TargetFolds.TrainingPart(target, validation);
                    var held = target.Subset(validation);
                    var label = string.Create(CultureInfo.InvariantCulture, $"CV N_s {ns[i]}, fold {f + 1}/{folds.Length}: ");
                    var foldOptions = TargetFolds.Labelled(options, label);
                    var predictions = HandTuneSnapshots.FineTuneSparsePredictions(snapshots[ns[i]], train, held.Images, fineTuning, transfer, foldOptions);
                    for (var j = 0; j < nt.Count; j++)
                    {
                        metrics[i, j, f] = TargetFolds.Metric(held, predictions[nt[j]]);
                    }

                    options.Log?.Invoke(label + string.Join(", ", nt.Select((t, j) => string.Create(CultureInfo.InvariantCulture, $"N_t {t}: {metrics[i, j, f]:0.#####}"))));
                }
            }

            var scores = (from i in Enumerable.Range(0, ns.Count)
                          from j in Enumerable.Range(0, nt.Count)
                          select new PruningRoundsScore(ns[i], nt[j], Enumerable.Range(0, folds.Length).Select(f => metrics[i, j, f]).ToArray())).ToArray();
            var result = new PruningRoundsSearchResult(target.Task, scores, folds);
            var best = keepBest ? snapshots[result.Best.PretrainingRounds] : null;
            if (best is not null)
            {
                snapshots.Remove(result.Best.PretrainingRounds);
            }

            return (result, best);
        }
        finally
        {
            foreach (var snapshot in snapshots.Values)
            {
                snapshot.Dispose();
            }
        }
    }
}
