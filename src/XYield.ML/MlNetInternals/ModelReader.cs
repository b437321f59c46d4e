using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using XYield.ML.Data.Simulated;

namespace XYield.ML.MlNetInternals;

/// <summary>
/// The reading side of <see cref="ModelWriter"/>: checks the header and reads back, in the same order, what
/// the component wrote. Wraps ML.NET's internal <see cref="ModelLoadContext"/>. Every failure is an
/// <see cref="InvalidDataException"/> naming the component and what was wrong.
/// </summary>
internal sealed class ModelReader
{
    private readonly ModelLoadContext _context;
    private readonly string _component;
    private readonly IHostEnvironment? _environment;

    private ModelReader(ModelLoadContext context, string component, uint formatVersion, IHostEnvironment? environment)
    {
        _context = context;
        _component = component;
        _environment = environment;
        FormatVersion = formatVersion;
    }

    /// <summary>The format version the file was written with (between OldestReadable and Current).</summary>
    internal uint FormatVersion { get; }

    /// <summary>Checks that the entry was written by a compatible version of <paramref name="component"/>.</summary>
    internal static ModelReader Begin(ModelLoadContext context, ModelVersion version, Type component, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            context.CheckAtModel(version.ToVersionInfo(component));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"The saved {component.Name} cannot be read: {e.Message} (expected model signature '{version.Signature}', " +
                $"format versions {version.OldestReadable}..{version.Current}). It was saved by an incompatible version of XYield.ML or is corrupt.", e);
        }

        return new ModelReader(context, component.Name, ModelVersion.Unpack(context.Header.ModelVerWritten), environment);
    }

    /// <summary>The <c>Model.key</c> stream, after the header.</summary>
    internal BinaryReader Reader => _context.Reader;

    /// <summary>Reads a string written by <see cref="ModelWriter.WriteString"/>.</summary>
    internal string ReadString() => Guard("a string", () => _context.LoadNonEmptyString());

    /// <summary>Reads an array written by <see cref="ModelWriter.WriteDoubles"/>.</summary>
    internal double[] ReadDoubles() => Guard("an array of numbers", () =>
    {
        var length = Reader.ReadInt32();
        if (length < 0 || length > 1 << 24)
        {
            throw new InvalidDataException($"array length {length} is out of range");
        }

        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = Reader.ReadDouble();
        }

        return values;
    });

    /// <summary>Reads an enum written by <see cref="ModelWriter.WriteEnum"/>.</summary>
    internal TEnum ReadEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var name = ReadString();
        return Enum.TryParse<TEnum>(name, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException(
                $"The saved {_component} holds '{name}' where a {typeof(TEnum).Name} was expected ({string.Join(", ", Enum.GetNames<TEnum>())}).");
    }

    /// <summary>Reads the binary stream <paramref name="name"/>; throws when the model has none.</summary>
    internal void ReadBinaryStream(string name, Action<BinaryReader> read)
    {
        if (!_context.TryLoadBinaryStream(name, read))
        {
            throw new InvalidDataException(
                $"The saved {_component} has no '{name}' entry; the model file is incomplete or was not written by XYield.ML.");
        }
    }

    /// <summary>Loads the sub-model <paramref name="name"/> written by <see cref="ModelWriter.WriteModel"/>; throws when the model has none.</summary>
    internal ITransformer ReadModel(string name)
    {
        if (_environment is null)
        {
            throw new InvalidOperationException($"The saved {_component} holds sub-models, so its loader needs ML.NET's environment.");
        }

        if (!_context.ContainsModel(name))
        {
            throw new InvalidDataException(
                $"The saved {_component} has no '{name}' sub-model; the model file is incomplete or was not written by XYield.ML.");
        }

        _context.LoadModel<ITransformer, SignatureLoadModel>(_environment, out var model, name);
        return model;
    }

    private T Guard<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or IOException)
        {
            throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"The saved {_component} (format version {FormatVersion}) is truncated or corrupt while reading {what}: {e.Message}"), e);
        }
    }
}
