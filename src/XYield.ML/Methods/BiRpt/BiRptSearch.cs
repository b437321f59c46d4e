using System.Globalization;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// Chooses Bi-RPT's coefficients by K-fold cross-validation on the target TRAINING part only: every candidate (by default a
/// grid of <see cref="SparsityOptions.ShrinkBudget"/> values) is trained on each fold's other rows from the same pre-trained
/// network and scored on the fold. The test set is never an input, so it cannot influence the choice. Cost: candidates × K
/// Bi-RPT fits on (K − 1)/K of the rows, then one on all of them for <see cref="BiRpt"/>.
/// </summary>
public static class BiRptSearch
{
    /// <summary>Scores every candidate by K-fold cross-validation on <paramref name="target"/>.</summary>
    /// <param name="pretrained">The dense pre-trained network every fit starts from (not modified).</param>
    /// <param name="source">The source (simulated) data of the lower level.</param>
    /// <param name="target">The target TRAINING part (never the test set): it is split into the folds.</param>
    /// <param name="search">Candidates, folds, fold seed and optional groups; null for the defaults (budgets 0, 0.5, 1, 2; 5 folds).</param>
    /// <param name="fineTuning">The fine-tuning stage (epochs and schedule); null for the paper's.</param>
    /// <param name="sparsity">The coefficients the grid varies; null for the defaults.</param>
    /// <param name="options">Device, seed, progress (stage names carry the candidate and fold), cancellation.</param>
    /// <exception cref="ArgumentException">Bad candidates, folds or groups (the message names the member and value).</exception>
    /// <exception cref="OperationCanceledException">The cancellation token fired.</exception>
    public static BiRptSearchResult Run(
        PretrainedNetwork pretrained,
        TrainingSet source,
        TrainingSet target,
        BiRptSearchOptions? search = null,
        StageOptions? fineTuning = null,
        SparsityOptions? sparsity = null,
        TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        search ??= new BiRptSearchOptions();
        search.Validate(target.Count);
        sparsity ??= new SparsityOptions();
        sparsity.Validate();
        options ??= new TrainingOptions();
        options.Validate();

        var candidates = search.CandidatesOver(sparsity);
        var folds = TargetFolds.Assign(target.Count, search.Folds, search.Seed, search.Groups);
        var scores = new List<BiRptCandidateScore>(candidates.Count);
        for (var c = 0; c < candidates.Count; c++)
        {
            var metrics = new double[folds.Length];
            var joint = new double[folds.Length];
            for (var f = 0; f < folds.Length; f++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                var held = target.Subset(folds[f]);
                var label = string.Create(CultureInfo.InvariantCulture, $"CV {BiRptCandidateScore.Describe(candidates[c])}, fold {f + 1}/{folds.Length}: ");
                using var model = TrainingEngine.BiRpt(pretrained, source, TargetFolds.TrainingPart(target, folds[f]), fineTuning, candidates[c], TargetFolds.Labelled(options, label));
                metrics[f] = TargetFolds.Metric(held, model.Predict(held.Images));
                joint[f] = model.Sparsity.Joint;
                options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{label}{metrics[f]:0.#####} (joint sparsity {joint[f]:P1})"));
            }

            scores.Add(new BiRptCandidateScore(candidates[c], metrics, joint));
        }

        return new BiRptSearchResult(target.Task, scores, folds);
    }

    /// <summary>Bi-RPT with searched coefficients: <see cref="Run"/>, then Bi-RPT on the whole of <paramref name="target"/> with the best candidate.</summary>
    /// <param name="pretrained">The dense pre-trained network (not modified).</param>
    /// <param name="source">The source (simulated) data of the lower level.</param>
    /// <param name="target">The target TRAINING part (never the test set).</param>
    /// <param name="search">The table the search produced (its <see cref="BiRptSearchResult.Best"/> was trained).</param>
    /// <param name="searchOptions">Candidates, folds, fold seed and optional groups; null for the defaults.</param>
    /// <param name="fineTuning">The fine-tuning stage; null for the paper's.</param>
    /// <param name="sparsity">The coefficients the grid varies; null for the defaults.</param>
    /// <param name="options">Device, seed, progress, cancellation.</param>
    public static TrainedYieldModel BiRpt(
        PretrainedNetwork pretrained,
        TrainingSet source,
        TrainingSet target,
        out BiRptSearchResult search,
        BiRptSearchOptions? searchOptions = null,
        StageOptions? fineTuning = null,
        SparsityOptions? sparsity = null,
        TrainingOptions? options = null)
    {
        search = Run(pretrained, source, target, searchOptions, fineTuning, sparsity, options);
        return TrainingEngine.BiRpt(pretrained, source, target, fineTuning, search.Best.Sparsity, options);
    }
}
