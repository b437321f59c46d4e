using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// Settings of <see cref="BiRptSearch"/>: the candidate coefficients (a grid of shrink budgets × lower learning rates over
/// the given <see cref="SparsityOptions"/>, or an explicit list) and the cross-validation on the target training part that
/// scores each.
/// </summary>
public sealed record BiRptSearchOptions
{
    /// <summary>
    /// Candidate <see cref="SparsityOptions.ShrinkBudget"/> values (each finite and ≥ 0, no repeats; 0 learns gates without
    /// sparsity pressure); null keeps the given options' sparsity control (their budget, or γ·λ_m per step), e.g. to search
    /// λ_l alone. Default: 0, 0.5, 1, 2.
    /// </summary>
    public IReadOnlyList<double>? ShrinkBudgetCandidates { get; init; } = [0, 0.5, 1, 2];

    /// <summary>Candidate λ_l values (each finite and ≥ 0, no repeats); null keeps the given options' λ_l. Default: null.</summary>
    public IReadOnlyList<double>? LowerLearningRateCandidates { get; init; }

    /// <summary>
    /// An explicit list of complete candidates instead of the grid (e.g. to compare <see cref="SparsityOptions.GatedLayers"/>
    /// or <see cref="SparsityOptions.LowerLevelInterval"/>); null uses the grid. Default: null.
    /// </summary>
    public IReadOnlyList<SparsityOptions>? Candidates { get; init; }

    /// <summary>K, the cross-validation folds: at least 2 and at most the number of target rows (or groups). Default: 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The seed of the fold assignment (training itself uses <see cref="TrainingOptions.Seed"/>). Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>Optional group key per target row (e.g. the composition): rows with one key share a fold. Null: every row its own group.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>The candidates this search scores, in order: <see cref="Candidates"/>, or the grid budget-major over <paramref name="sparsity"/>.</summary>
    /// <param name="sparsity">The coefficients every grid candidate starts from (its other members are kept).</param>
    public IReadOnlyList<SparsityOptions> CandidatesOver(SparsityOptions sparsity)
    {
        ArgumentNullException.ThrowIfNull(sparsity);
        return Candidates ?? (from budget in ShrinkBudgetCandidates?.Select(b => (double?)b) ?? [sparsity.ShrinkBudget]
                              from rate in LowerLearningRateCandidates ?? [sparsity.LowerLearningRate]
                              select sparsity with { ShrinkBudget = budget, LowerLearningRate = rate }).ToArray();
    }

    /// <summary>Throws <see cref="ArgumentException"/> (or a subclass) naming the first invalid member, its value and what is expected.</summary>
    /// <param name="targetRows">The number of target training rows the search will split.</param>
    public void Validate(int targetRows)
    {
        if (Candidates is not null)
        {
            CheckCandidates(Candidates, nameof(Candidates));
        }
        else
        {
            if (ShrinkBudgetCandidates is not null)
            {
                CheckValues(ShrinkBudgetCandidates, nameof(ShrinkBudgetCandidates), "shrink budget", "0, 0.5, 1, 2");
            }

            if (LowerLearningRateCandidates is not null)
            {
                CheckValues(LowerLearningRateCandidates, nameof(LowerLearningRateCandidates), "λ_l", "1e-4, 1e-3");
            }
        }

        TargetFolds.Validate(Folds, Groups, targetRows, nameof(Folds), nameof(Groups));
    }

    // Names travel as parameters, as in the other options' Validate methods (CA2208 wants a parameter there).
    private static void CheckCandidates(IReadOnlyList<SparsityOptions> candidates, string name)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException($"{name} is empty; give at least one SparsityOptions, or null for the grid.", name);
        }

        foreach (var candidate in candidates)
        {
            ArgumentNullException.ThrowIfNull(candidate, name);
            candidate.Validate();
        }
    }

    private static void CheckValues(IReadOnlyList<double>? values, string name, string what, string example)
    {
        if (values is null || values.Count == 0)
        {
            throw new ArgumentException($"{name} is empty; expected at least one {what}, e.g. {example}.", name);
        }

        if (values.FirstOrDefault(v => !(v >= 0) || !double.IsFinite(v), 0) is var bad && (!(bad >= 0) || !double.IsFinite(bad)))
        {
            throw new ArgumentOutOfRangeException(name, bad, FormattableString.Invariant($"{name} holds {bad}; every {what} must be finite and ≥ 0."));
        }

        if (values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException(FormattableString.Invariant($"{name} lists {repeated.Key} more than once; expected distinct values."), name);
        }
    }
}
