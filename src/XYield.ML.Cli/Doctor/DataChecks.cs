using XYield.ML.Data;
using XYield.ML.Data.Experimental;

namespace XYield.ML.Cli.Doctor;

/// <summary>
/// The doctor's data lines: the file the commands will read, and the copy embedded in XYield.ML. A file the user named
/// that cannot be read is a warning, not a failure: the machine is fine, and the embedded copy is the fix.
/// </summary>
internal static class DataChecks
{
    public const string Name = "Experimental data";

    public const string EmbeddedName = "Embedded data";

    public static IEnumerable<DoctorCheck> Run(string? dataPath)
    {
        // Whose setting chose the file, as the user would change it.
        var setting = !string.IsNullOrWhiteSpace(dataPath) ? "--data"
            : !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ExperimentalDataLocator.EnvironmentVariable))
                ? ExperimentalDataLocator.EnvironmentVariable
                : null;
        var embedded = Embedded();
        if (setting is null)
        {
            yield return embedded.Status == CheckStatus.Ok
                ? DoctorCheck.Ok(Name, $"{embedded.Detail}; --data or {ExperimentalDataLocator.EnvironmentVariable} use another file")
                : embedded with { Name = Name };
            yield break;
        }

        yield return Given(dataPath, setting);
        yield return embedded;
    }

    // Parses the file, so a garbage file is reported here rather than at the first command that needs it.
    private static DoctorCheck Given(string? dataPath, string setting)
    {
        try
        {
            var location = ExperimentalDataLocator.Locate(dataPath);
            var points = ExperimentalDataSet.Load(dataPath);
            return DoctorCheck.Ok(Name, $"{points.Count} points from {location.Path} (from {setting})");
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            var fix = setting == "--data"
                ? "Fix the path, or leave --data out to use the copy embedded in XYield.ML."
                : $"Commands that read the data fail until it is fixed: correct {setting}, or unset it to use the copy embedded in XYield.ML.";
            return DoctorCheck.Warning(Name, $"{e.Message} {fix}");
        }
    }

    private static DoctorCheck Embedded()
    {
        try
        {
            var points = ExperimentalDataSet.LoadEmbedded();
            return DoctorCheck.Ok(EmbeddedName, $"{points.Count} points from the copy embedded in XYield.ML (Borg et al. 2020, Apache-2.0)");
        }
        catch (Exception e) when (IsUnreadable(e) || e is InvalidOperationException)
        {
            // Only a broken build of XYield.ML gets here.
            return DoctorCheck.Failed(EmbeddedName, $"{e.Message} Reinstall the tool or the XYield.ML package.");
        }
    }

    private static bool IsUnreadable(Exception e) =>
        e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException;
}
