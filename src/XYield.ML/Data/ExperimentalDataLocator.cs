namespace XYield.ML.Data;

/// <summary>
/// Finds the experimental source file <c>MPEA_dataset.csv</c> (Borg et al., "Expanded dataset of mechanical
/// properties and observed phases of multi-principal element alloys", Sci. Data 7, 430 (2020); Apache-2.0).
/// Order: an explicit path, then the <c>XYIELD_DATA</c> environment variable, then
/// <c>../shared/data/MPEA_dataset.csv</c> beside the XYield.ML repository that contains the working
/// directory or the application.
/// </summary>
public static class ExperimentalDataLocator
{
    /// <summary>The file name of the Borg et al. (2020) data set.</summary>
    public const string FileName = "MPEA_dataset.csv";

    /// <summary>The environment variable that points at the file, or at a folder holding it.</summary>
    public const string EnvironmentVariable = "XYIELD_DATA";

    /// <summary>Where the file was found, and which rule found it.</summary>
    /// <param name="Path">The full path of the file.</param>
    /// <param name="Source">How it was found: "option", "XYIELD_DATA" or "repository".</param>
    public sealed record Location(string Path, string Source);

    /// <summary>Finds the data file or throws <see cref="FileNotFoundException"/> saying what it is and where to put it.</summary>
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

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (FindBesideRepository(start) is { } found)
            {
                return new Location(found, "repository");
            }
        }

        throw new FileNotFoundException(
            $"The experimental data file {FileName} was not found. {Description} Download it and either pass its path " +
            $"(--data in the xyield CLI), set {EnvironmentVariable} to the file or its folder, or place it at " +
            $"../shared/data/{FileName} beside the XYield.ML repository.",
            FileName);
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

    /// <summary>Walks up from <paramref name="start"/> to the repository root (the folder with XYield.ML.sln) and looks beside it.</summary>
    private static string? FindBesideRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "XYield.ML.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", FileName));
                return File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
