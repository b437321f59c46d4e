using XYield.ML.Models;

namespace XYield.ML.Methods.HandTune;

/// <summary>The cross-validated score of one (N_s, N_t) pair.</summary>
/// <param name="PretrainingRounds">N_s, the IMP rounds during pre-training.</param>
/// <param name="TransferRounds">N_t, the IMP rounds during fine-tuning.</param>
/// <param name="FoldMetrics">The metric on each validation fold, in fold order (MSE in GPa², or accuracy).</param>
public sealed record PruningRoundsScore(int PretrainingRounds, int TransferRounds, IReadOnlyList<double> FoldMetrics)
{
    /// <summary>The mean of <see cref="FoldMetrics"/>: the score the search ranks by.</summary>
    public double Mean { get; } = FoldMetrics.Average();

    /// <summary>The fraction of prunable weights this pair keeps with pruning rate p: (1 − p)^(N_s + N_t) (layer-wise, up to rounding).</summary>
    public double KeptFraction(double pruningRate) => Math.Pow(1 - pruningRate, PretrainingRounds + TransferRounds);
}

/// <summary>
/// What <see cref="PruningRoundsSearch"/> found: every (N_s, N_t) pair with its per-fold and mean cross-validation metric,
/// the best pair, and the folds (as row indices of the target training part it was given).
/// </summary>
public sealed class PruningRoundsSearchResult
{
    internal PruningRoundsSearchResult(YieldTask task, IReadOnlyList<PruningRoundsScore> scores, IReadOnlyList<IReadOnlyList<int>> validationRows)
    {
        Task = task;
        Scores = scores;
        ValidationRows = validationRows;
        Best = PickBest(task, scores);
    }

    /// <summary>Regression (metric: MSE, lower is better) or classification (metric: accuracy, higher is better).</summary>
    public YieldTask Task { get; }

    /// <summary>"MSE (GPa²)" or "accuracy".</summary>
    public string MetricName => Task == YieldTask.Regression ? "MSE (GPa²)" : "accuracy";

    /// <summary>One score per pair, N_s-major in candidate order: |N_s candidates| × |N_t candidates| entries.</summary>
    public IReadOnlyList<PruningRoundsScore> Scores { get; }

    /// <summary>
    /// The pair with the lowest mean MSE (regression) or highest mean accuracy (classification). Ties go to fewer rounds in total
    /// (the denser model), then to fewer pre-training rounds (the cheaper one: pre-training rounds retrain on the large source set).
    /// </summary>
    public PruningRoundsScore Best { get; }

    /// <summary>The validation rows of each fold: indices into the target training part; disjoint, covering it once.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ValidationRows { get; }

    /// <summary>The score of one pair.</summary>
    /// <exception cref="KeyNotFoundException">The pair was not among the candidates.</exception>
    public PruningRoundsScore this[int pretrainingRounds, int transferRounds] =>
        Scores.FirstOrDefault(s => s.PretrainingRounds == pretrainingRounds && s.TransferRounds == transferRounds)
        ?? throw new KeyNotFoundException($"(N_s = {pretrainingRounds}, N_t = {transferRounds}) was not searched.");

    private static PruningRoundsScore PickBest(YieldTask task, IReadOnlyList<PruningRoundsScore> scores)
    {
        var sign = task == YieldTask.Regression ? 1 : -1;
        return scores
            .OrderBy(s => sign * s.Mean)
            .ThenBy(s => s.PretrainingRounds + s.TransferRounds)
            .ThenBy(s => s.PretrainingRounds)
            .First();
    }
}
