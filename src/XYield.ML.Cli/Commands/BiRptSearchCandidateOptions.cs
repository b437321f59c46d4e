using System.CommandLine;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// <c>--budgets</c> and <c>--lower-rates</c>: the candidates of Bi-RPT's coefficient search (<c>--search</c>), read alike by
/// <c>train</c> and <c>benchmark</c>, with one-line errors on misuse.
/// </summary>
internal sealed class BiRptSearchCandidateOptions
{
    private readonly Option<string?> _budgets = new("--budgets")
    {
        Description = "With --search: candidate shrink budgets, comma-separated, each ≥ 0 (default 0,0.5,1,2), or none to keep the run's own control (γ, or --birpt-budget) and search λ_l alone.",
    };

    private readonly Option<string?> _lowerRates = new("--lower-rates")
    {
        Description = "With --search: candidate lower-level learning rates λ_l, comma-separated, each ≥ 0 (default: λ_l 0.001 only), e.g. 0,0.001,0.003.",
    };

    /// <summary>What the options chose: null lists keep the run's own budget (or γ) and λ_l.</summary>
    /// <param name="Budgets">The candidate shrink budgets, or null.</param>
    /// <param name="LowerRates">The candidate λ_l values, or null.</param>
    /// <param name="Given">The names of the options given, for the "overridden" lists.</param>
    public sealed record Choice(IReadOnlyList<double>? Budgets, IReadOnlyList<double>? LowerRates, IReadOnlyList<string> Given);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_budgets);
        command.Options.Add(_lowerRates);
    }

    /// <summary>The candidates under <c>--search</c>; null without it.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="search">Whether <c>--search</c> was given.</param>
    /// <param name="defaultBudgets">The budgets searched when <c>--budgets</c> is not given.</param>
    /// <param name="fixedBudget">Whether a fixed <c>--birpt-budget</c> was given, which only <c>--budgets none</c> keeps.</param>
    /// <exception cref="ArgumentException">Either option without <c>--search</c>, a bad list, or a fixed budget while budgets are searched.</exception>
    public Choice? Read(ParseResult parse, bool search, IReadOnlyList<double>? defaultBudgets, bool fixedBudget)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var budgetsText = parse.GetValue(_budgets);
        var ratesText = parse.GetValue(_lowerRates);
        if (!search)
        {
            return (budgetsText ?? ratesText) is null
                ? null
                : throw new ArgumentException("--budgets and --lower-rates set up Bi-RPT's coefficient search: add --search.");
        }

        // "none" is the search options' null: keep the run's own control.
        var budgets = budgetsText is null ? defaultBudgets
            : budgetsText.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null
            : OptionValues.NumberList(_budgets.Name, budgetsText, "shrink budgets (or none)", "0,0.5,1,2");
        if (budgets is not null && fixedBudget)
        {
            throw new ArgumentException("--search chooses Bi-RPT's shrink budget itself: drop --birpt-budget, or give --budgets none to keep it and search --lower-rates.");
        }

        var rates = OptionValues.NumberList(_lowerRates.Name, ratesText, "lower learning rates λ_l", "0,0.001,0.003");
        string[] given = [.. new[] { (_budgets.Name, budgetsText), (_lowerRates.Name, ratesText) }.Where(o => o.Item2 is not null).Select(o => o.Item1)];
        return new Choice(budgets, rates, given);
    }
}
