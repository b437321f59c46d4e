using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Training.CrossValidation;

/// <summary>The fold group of each training row (e.g. its formula, so an alloy's rows share a fold), read from a text column.</summary>
internal static class FoldGroups
{
    /// <summary>The column's values in cursor order (the order the trainers read rows in); null when no column is named.</summary>
    /// <param name="input">The training data.</param>
    /// <param name="column">The text column; null for none.</param>
    /// <param name="optionName">The option that named it, for the message, e.g. "Options.SearchGroupColumnName".</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or not text.</exception>
    public static string[]? Read(IDataView input, string? column, string optionName)
    {
        if (column is null)
        {
            return null;
        }

        var found = input.Schema.GetColumnOrNull(column);
        if (found is not { Type: TextDataViewType })
        {
            throw new ArgumentOutOfRangeException(nameof(input), found?.Type,
                $"{optionName} '{column}' must name a text column of the training data (the alloy's formula, say); it is {(found is null ? "missing" : found.Value.Type.ToString())}. Set it to null for folds of single rows.");
        }

        return input.GetColumn<ReadOnlyMemory<char>>(column).Select(g => g.ToString()).ToArray();
    }
}
