namespace XYield.ML.Data;

/// <summary>
/// Finds the experimental source file <c>MPEA_dataset.csv</c> (Borg et al., "Expanded dataset of mechanical
/// properties and observed phases of multi-principal element alloys", Sci. Data 7, 430 (2020); Apache-2.0).
/// Order: an explicit path, then the <c>XYIELD_DATA</c> environment variable, then the unchanged copy embedded in
/// XYield.ML (its licence and a NOTICE are in the package), so <see cref="Experimental.ExperimentalDataSet.Load"/>
/// works in any application with no file of its own.
/// </summary>
public static class ExperimentalDataLocator
{
    /// <summary>The file name of the Borg et al. (2020) data set.</summary>
    public const string FileName = "MPEA_dataset.csv";

    /// <summary>The environment variable that points at the file, or at a folder holding it.</summary>
    public const string EnvironmentVariable = "XYIELD_DATA";

    /// <summary>The <see cref="Location.Source"/> of the copy embedded in XYield.ML.</summary>
    public const string Embedded = "embedded";

    /// <summary>The manifest name of the embedded copy.</summary>
    internal const string ResourceName = "XYield.ML." + FileName;

    /// <summary>The copy embedded in XYield.ML, whatever <c>XYIELD_DATA</c> says.</summary>
    public static Location EmbeddedCopy { get; } = new($"XYield.ML's embedded {FileName}", Embedded);

    /// <summary>Where the file was found, and which rule found it.</summary>
    /// <param name="Path">The full path of the file; for the embedded copy, a description ("XYield.ML's embedded MPEA_dataset.csv").</param>
    /// <param name="Source">How it was found: "option", "XYIELD_DATA" or "embedded".</param>
    public sealed record Location(string Path, string Source)
    {
        /// <summary>Whether this is the copy embedded in XYield.ML.</summary>
        public bool IsEmbedded => Source == Embedded;

        /// <summary>Opens the file (or the embedded copy) for reading.</summary>
        /// <exception cref="InvalidDataException">The file is empty, not a regular file (a device or a pipe) or larger than 64 MiB.</exception>
        public Stream Open() => IsEmbedded
            ? typeof(ExperimentalDataLocator).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"XYield.ML was built without its embedded {FileName}.")
            : Experimental.DataFile.OpenRead(Path);
    }

    /// <summary>
    /// Finds the data file: the given path, else <c>XYIELD_DATA</c>, else the embedded copy. Throws
    /// <see cref="FileNotFoundException"/> (saying what the file is) when a given path or the variable points nowhere.
    /// </summary>
    /// <param name="explicitPath">A path given by the user (a file, or a folder holding <see cref="FileName"/>); null to search.</param>
    public static Location Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new Location(ResolveGiven(explicitPath, "the path given"), "option");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new Location(ResolveGiven(fromEnvironment, $"{EnvironmentVariable}"), EnvironmentVariable);
        }

        return EmbeddedCopy;
    }

    /// <summary>What the file is and where it comes from, for messages and reports.</summary>
    public const string Description =
        "It is the public MPEA data set of Borg et al., Sci. Data 7, 430 (2020), Apache-2.0 licensed " +
        "(https://doi.org/10.6084/m9.figshare.12642953; also github.com/CitrineInformatics/MPEA_dataset).";

    private static string ResolveGiven(string given, string what)
    {
        var full = Path.GetFullPath(given);
        if (Directory.Exists(full))
        {
            full = Path.Combine(full, FileName);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException(
                $"The experimental data file was not found at '{full}' ({what}). {Description} " +
                $"Point it at the downloaded {FileName} or the folder that holds it.",
                full);
        }

        return full;
    }
}
