using Microsoft.ML;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>
/// A <see cref="ColumnMapper"/> whose added columns are much cheaper to compute for many rows at once (one forward
/// pass of a network per batch). A cursor of its view reads <see cref="BatchSize"/> rows ahead into a
/// <see cref="RowWindow"/> and the getters of <see cref="CreateBatchGetters"/> compute a whole batch on first read.
/// Single rows (<c>IRowToRowMapper.GetRow</c>, what <c>PredictionEngine</c> uses) still take the per-row
/// getters of <see cref="ColumnMapper.CreateGetters"/>, which must give the same values.
/// </summary>
internal abstract class BatchedColumnMapper : ColumnMapper
{
    protected BatchedColumnMapper(DataViewSchema inputSchema)
        : base(inputSchema)
    {
    }

    /// <summary>Rows a cursor reads ahead and computes together.</summary>
    public abstract int BatchSize { get; }

    /// <summary>
    /// The getters of the active added columns of one cursor (null for inactive ones): each serves
    /// <paramref name="window"/>'s current row and computes the window's batch when it is first read.
    /// </summary>
    public abstract Delegate?[] CreateBatchGetters(RowWindow window, Func<int, bool> isOutputActive);
}
