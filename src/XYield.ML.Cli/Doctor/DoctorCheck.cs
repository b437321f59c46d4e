namespace XYield.ML.Cli.Doctor;

internal enum CheckStatus
{
    Ok,
    Warning,
    Failed,
}

/// <summary>One line of the doctor's report: what was checked, how it went, and the fix when it failed.</summary>
internal sealed record DoctorCheck(string Name, CheckStatus Status, string Detail)
{
    public static DoctorCheck Ok(string name, string detail) => new(name, CheckStatus.Ok, detail);

    public static DoctorCheck Warning(string name, string detail) => new(name, CheckStatus.Warning, detail);

    public static DoctorCheck Failed(string name, string detail) => new(name, CheckStatus.Failed, detail);
}
