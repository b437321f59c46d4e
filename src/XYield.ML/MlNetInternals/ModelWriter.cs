using System.Globalization;
using Microsoft.ML;
using XYield.ML.Data.Simulated;

namespace XYield.ML.MlNetInternals;

/// <summary>
/// What a saveable XYield.ML component may write into its entry of an ML.NET model zip: a versioned header,
/// then strings and numbers on <see cref="Writer"/> (<c>Model.key</c>) and named binary streams beside it.
/// Wraps ML.NET's internal <see cref="ModelSaveContext"/>.
/// </summary>
internal sealed class ModelWriter
{
    private readonly ModelSaveContext _context;

    private ModelWriter(ModelSaveContext context) => _context = context;

    /// <summary>Starts a component's entry: checks the context and writes the header for <paramref name="version"/>.</summary>
    internal static ModelWriter Begin(ModelSaveContext context, ModelVersion version, Type component)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CheckAtModel();
        context.SetVersionInfo(version.ToVersionInfo(component));
        return new ModelWriter(context);
    }

    /// <summary>The <c>Model.key</c> stream, after the header.</summary>
    internal BinaryWriter Writer => _context.Writer;

    /// <summary>Writes a non-empty string (column names, enum names) through ML.NET's string table.</summary>
    internal void WriteString(string value) => _context.SaveNonEmptyString(value);

    /// <summary>Writes a length-prefixed array of doubles.</summary>
    internal void WriteDoubles(ReadOnlySpan<double> values)
    {
        Writer.Write(values.Length);
        foreach (var value in values)
        {
            Writer.Write(value);
        }
    }

    /// <summary>Writes an enum by name, so reordering its members never changes a saved model.</summary>
    internal void WriteEnum<TEnum>(TEnum value)
        where TEnum : struct, Enum => WriteString(Convert.ToString(value, CultureInfo.InvariantCulture)!);

    /// <summary>Writes a binary stream (for example TorchSharp weights) as its own zip entry named <paramref name="name"/>.</summary>
    internal void WriteBinaryStream(string name, Action<BinaryWriter> write) => _context.SaveBinaryStream(name, write);

    /// <summary>Writes another saveable component (an ML.NET transformer, say) as a sub-model in its own folder <paramref name="name"/>.</summary>
    internal void WriteModel(string name, ICanSaveModel model) => _context.SaveModel(model, name);
}
