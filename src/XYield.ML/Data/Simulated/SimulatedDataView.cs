using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Physics;

namespace XYield.ML.Data.Simulated;

/// <summary>
/// A lazy ML.NET <see cref="IDataView"/> of points drawn uniformly from the X-Yield grid and labelled by the
/// Maresca–Curtin model. Rows are generated while a cursor moves, so any row count streams in bounded memory; every
/// cursor replays the same rows for the same seed.
/// </summary>
/// <remarks>
/// Columns: <c>Fractions</c> (vector of <see cref="Palette.Count"/> Single, palette order, with <c>SlotNames</c> = the
/// element symbols), <c>Temperature</c> (Single, K) and <c>YieldStrength</c> (Single, GPa). The yield strength is computed
/// only when its column is active.
/// </remarks>
public sealed class SimulatedDataView : IDataView
{
    private readonly MarescaCurtinModel _model;

    /// <summary>Creates a view of <paramref name="rowCount"/> points sampled with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is negative.</exception>
    public SimulatedDataView(long rowCount, int seed, SimulatedGridVariant variant = SimulatedGridVariant.WithZeros, MarescaCurtinModel? model = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        RowCount = rowCount;
        Seed = seed;
        Variant = variant;
        _model = model ?? new MarescaCurtinModel();
        Schema = BuildSchema();
    }

    /// <summary>The number of rows.</summary>
    public long RowCount { get; }

    /// <summary>The sampler seed.</summary>
    public int Seed { get; }

    /// <summary>The grid sampled.</summary>
    public SimulatedGridVariant Variant { get; }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => RowCount;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = true;
        }

        return new Cursor(this, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private static DataViewSchema BuildSchema()
    {
        var slotNames = new DataViewSchema.Annotations.Builder();
        // "SlotNames" is ML.NET's annotation kind for vector slot names (AnnotationUtils.Kinds.SlotNames).
        slotNames.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, Palette.Count), (ref VBuffer<ReadOnlyMemory<char>> names) =>
        {
            var editor = VBufferEditor.Create(ref names, Palette.Count);
            for (var i = 0; i < Palette.Count; i++)
            {
                editor.Values[i] = Palette.Symbols[i].AsMemory();
            }

            names = editor.Commit();
        });
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(SimulatedDataset.FractionsColumnName, new VectorDataViewType(NumberDataViewType.Single, Palette.Count), slotNames.ToAnnotations());
        builder.AddColumn(SimulatedDataset.TemperatureColumnName, NumberDataViewType.Single);
        builder.AddColumn(SimulatedDataset.YieldStrengthColumnName, NumberDataViewType.Single);
        return builder.ToSchema();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private const int FractionsIndex = 0;
        private const int TemperatureIndex = 1;
        private const int YieldStrengthIndex = 2;

        private readonly SimulatedDataView _parent;
        private readonly bool[] _active;
        private readonly SimulatedGridSampler _sampler;
        private readonly double[] _fractions = new double[Palette.Count];
        private double _temperature;
        private float _yieldStrength;
        private long _yieldStrengthPosition = -1;
        private long _position = -1;

        public Cursor(SimulatedDataView parent, bool[] active)
        {
            _parent = parent;
            _active = active;
            _sampler = new SimulatedGridSampler(parent.Seed, parent.Variant);
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            if (_position + 1 >= _parent.RowCount)
            {
                _position = _parent.RowCount;
                return false;
            }

            // Every row is drawn whatever the active columns, so all cursors see the same rows.
            _temperature = _sampler.Next(_fractions);
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) =>
        {
            EnsureOnRow();
            id = new DataViewRowId((ulong)_position, 0);
        };

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < 0 || column.Index >= _active.Length || !_active[column.Index])
            {
                throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' was not requested when the cursor was created.");
            }

            Delegate getter = column.Index switch
            {
                FractionsIndex => (ValueGetter<VBuffer<float>>)GetFractions,
                TemperatureIndex => (ValueGetter<float>)GetTemperature,
                YieldStrengthIndex => (ValueGetter<float>)GetYieldStrength,
                _ => throw new ArgumentOutOfRangeException(nameof(column)),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, which cannot be read as {typeof(TValue).Name}.");
        }

        private void GetFractions(ref VBuffer<float> value)
        {
            EnsureOnRow();
            var editor = VBufferEditor.Create(ref value, Palette.Count);
            for (var i = 0; i < Palette.Count; i++)
            {
                editor.Values[i] = (float)_fractions[i];
            }

            value = editor.Commit();
        }

        private void GetTemperature(ref float value)
        {
            EnsureOnRow();
            value = (float)_temperature;
        }

        private void GetYieldStrength(ref float value)
        {
            EnsureOnRow();
            if (_yieldStrengthPosition != _position)
            {
                _yieldStrength = (float)(_parent._model.YieldStrength(_fractions, _temperature) / 1000);
                _yieldStrengthPosition = _position;
            }

            value = _yieldStrength;
        }

        private void EnsureOnRow()
        {
            if (_position < 0 || _position >= _parent.RowCount)
            {
                throw new InvalidOperationException("The cursor is not on a row: call MoveNext first and stop when it returns false.");
            }
        }
    }
}
