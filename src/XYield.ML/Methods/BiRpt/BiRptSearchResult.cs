using System.Globalization;
using XYield.ML.Models;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods.BiRpt;

/// <summary>The cross-validated score of one Bi-RPT candidate.</summary>
/// <param name="Sparsity">The candidate's complete coefficients.</param>
/// <param name="FoldMetrics">The metric on each validation fold, in fold order (MSE in GPa², or accuracy).</param>
/// <param name="FoldJointSparsity">The fraction of prunable weights the fold's fit removed (m_s ⊙ m_t), in fold order.</param>
public sealed record BiRptCandidateScore(SparsityOptions Sparsity, IReadOnlyList<double> FoldMetrics, IReadOnlyList<double> FoldJointSparsity)
{
    /// <summary>The mean of <see cref="FoldMetrics"/>: the score the search ranks by.</summary>
    public double Mean { get; } = FoldMetrics.Average();

    /// <summary>The mean of <see cref="FoldJointSparsity"/>.</summary>
    public double MeanJointSparsity { get; } = FoldJointSparsity.Average();

    /// <summary>A short description: the sparsity control, λ_l, and the gating and lower-level interval where they differ from the defaults.</summary>
    public string Label => Describe(Sparsity);

    /// <summary>e.g. "budget 0.5, λ_l 0.001" or, for the paper's setting, "γ 0.0001, λ_l 0.001, all layers, every 1".</summary>
    public static string Describe(SparsityOptions sparsity)
    {
        ArgumentNullException.ThrowIfNull(sparsity);
        var parts = new List<string>
        {
            sparsity.ShrinkBudget is { } b ? Invariant($"budget {b:0.###}") : Invariant($"γ {sparsity.Gamma:G3}"),
            Invariant($"λ_l {sparsity.LowerLearningRate:G3}"),
        };
        if (sparsity.TargetJointSparsity != Defaults.TargetJointSparsity || sparsity.TargetSparsityRanking != Defaults.TargetSparsityRanking)
        {
            parts.Add(sparsity.TargetJointSparsity is { } target
                ? Invariant($"target {target * 100:0.#} %{(sparsity.TargetSparsityRanking == TargetSparsityRanking.JointScore ? " by score" : "")}")
                : "no target");
        }

        if (sparsity.GatedLayers != Defaults.GatedLayers)
        {
            parts.Add(sparsity.GatedLayers == BiRptGatedLayers.All ? "all layers" : "convolutions");
        }

        if (sparsity.LowerLevelInterval != Defaults.LowerLevelInterval)
        {
            parts.Add(Invariant($"every {sparsity.LowerLevelInterval}"));
        }

        return string.Join(", ", parts);
    }

    private static readonly SparsityOptions Defaults = new();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// What <see cref="BiRptSearch"/> found: every candidate with its per-fold and mean cross-validation metric and learned
/// sparsity, the best candidate, and the folds (row indices of the target training part it was given).
/// </summary>
public sealed class BiRptSearchResult
{
    internal BiRptSearchResult(YieldTask task, IReadOnlyList<BiRptCandidateScore> scores, IReadOnlyList<IReadOnlyList<int>> validationRows)
    {
        Task = task;
        Scores = scores;
        ValidationRows = validationRows;
        var sign = task == YieldTask.Regression ? 1 : -1;
        // Ties go to the earlier candidate (the grid lists smaller budgets first: the denser model).
        Best = scores.Select((s, i) => (s, i)).OrderBy(p => sign * p.s.Mean).ThenBy(p => p.i).First().s;
    }

    /// <summary>Regression (metric: MSE, lower is better) or classification (metric: accuracy, higher is better).</summary>
    public YieldTask Task { get; }

    /// <summary>"MSE (GPa²)" or "accuracy".</summary>
    public string MetricName => TargetFolds.MetricName(Task);

    /// <summary>One score per candidate, in candidate order.</summary>
    public IReadOnlyList<BiRptCandidateScore> Scores { get; }

    /// <summary>The candidate with the lowest mean MSE (regression) or highest mean accuracy (classification); ties go to the earlier one.</summary>
    public BiRptCandidateScore Best { get; }

    /// <summary>The validation rows of each fold: indices into the target training part; disjoint, covering it once.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ValidationRows { get; }
}
