using System.Globalization;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Methods.HandTune;

/// <summary>
/// Settings of <see cref="PruningRoundsSearch"/>: the candidate IMP round counts N_s (pre-training) and N_t (transfer),
/// and the cross-validation on the target training part that scores each pair.
/// </summary>
public sealed record PruningRoundsSearchOptions
{
    /// <summary>Candidate N_s values (each ≥ 0, no repeats). Default: 0, 1, 2, 3.</summary>
    public IReadOnlyList<int> PretrainingRoundCandidates { get; init; } = [0, 1, 2, 3];

    /// <summary>Candidate N_t values (each ≥ 0, no repeats). Default: 0, 1, 2, 3.</summary>
    public IReadOnlyList<int> TransferRoundCandidates { get; init; } = [0, 1, 2, 3];

    /// <summary>K, the cross-validation folds: at least 2 and at most the number of target rows (or groups). Default: 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The seed of the fold assignment (training itself uses <see cref="TrainingOptions.Seed"/>). Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Optional group key per target row (e.g. the composition): rows with the same key share a fold, so a validation fold
    /// never holds a composition the fold's training part has seen at another temperature. Null: every row is its own group.
    /// </summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> (or a subclass) naming the first invalid member, its value and what is expected.</summary>
    /// <param name="targetRows">The number of target training rows the search will split.</param>
    public void Validate(int targetRows)
    {
        CheckCandidates(PretrainingRoundCandidates, nameof(PretrainingRoundCandidates), "N_s");
        CheckCandidates(TransferRoundCandidates, nameof(TransferRoundCandidates), "N_t");
        TargetFolds.Validate(Folds, Groups, targetRows, nameof(Folds), nameof(Groups));
    }

    private static void CheckCandidates(IReadOnlyList<int>? candidates, string name, string symbol)
    {
        if (candidates is null || candidates.Count == 0)
        {
            throw new ArgumentException($"{name} is empty; expected at least one {symbol} value, e.g. 0, 1, 2, 3.", name);
        }

        if (candidates.FirstOrDefault(c => c < 0) is var negative && negative < 0)
        {
            throw new ArgumentOutOfRangeException(name, negative, Format($"{name} holds {negative}; every {symbol} must be ≥ 0."));
        }

        if (candidates.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException(Format($"{name} lists {symbol} = {repeated.Key} more than once; expected distinct values."), name);
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
