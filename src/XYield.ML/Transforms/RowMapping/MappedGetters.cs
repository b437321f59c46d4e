using Microsoft.ML;
using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>
/// Column access for a row of a mapped view: input columns pass straight through to the input row, added
/// columns come from the mapper's getters, created once per row object for the active columns only.
/// </summary>
internal sealed class MappedGetters
{
    private readonly ColumnMapper _mapper;
    private readonly DataViewRow _input;
    private readonly Delegate?[] _getters;

    public MappedGetters(ColumnMapper mapper, DataViewRow input, Func<int, bool> isOutputActive)
    {
        _mapper = mapper;
        _input = input;
        _getters = mapper.CreateGetters(input, isOutputActive);
    }

    public bool IsColumnActive(DataViewSchema.Column column)
    {
        var inputCount = _mapper.InputSchema.Count;
        return column.Index < inputCount
            ? _input.IsColumnActive(_input.Schema[column.Index])
            : _getters[column.Index - inputCount] is not null;
    }

    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var inputCount = _mapper.InputSchema.Count;
        if (column.Index < inputCount)
        {
            return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        }

        var getter = _getters[column.Index - inputCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active in this row; request it when creating the cursor.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException(
                $"Column '{column.Name}' holds {column.Type.RawType.Name} values; a getter of {typeof(TValue).Name} was requested.");
    }

    /// <summary>Which input columns must be active to serve the requested columns of the output schema.</summary>
    public static (IEnumerable<DataViewSchema.Column> Input, bool[] ActiveOutputs) Dependencies(
        ColumnMapper mapper, IEnumerable<DataViewSchema.Column> requested)
    {
        var inputCount = mapper.InputSchema.Count;
        var activeOutputs = new bool[mapper.OutputColumns.Count];
        var inputIndices = new SortedSet<int>();
        foreach (var column in requested)
        {
            if (column.Index < inputCount)
            {
                inputIndices.Add(column.Index);
            }
            else
            {
                activeOutputs[column.Index - inputCount] = true;
                inputIndices.UnionWith(mapper.GetInputColumnIndices(column.Index - inputCount));
            }
        }

        return (inputIndices.Select(i => mapper.InputSchema[i]).ToArray(), activeOutputs);
    }
}
