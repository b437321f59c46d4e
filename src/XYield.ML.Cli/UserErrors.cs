using XYield.ML.Chemistry;
using XYield.ML.Runtime;

namespace XYield.ML.Cli;

/// <summary>Which exceptions are the user's to fix (reported in one line) rather than bugs (reported with a trace).</summary>
internal static class UserErrors
{
    public static bool IsUserError(Exception e) => e is FileNotFoundException or DirectoryNotFoundException
        or InvalidDataException or FormulaParseException or ArgumentException or TorchBackendUnavailableException
        or UnauthorizedAccessException or OperationCanceledException or IOException;

    public static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "cancelled.",
        UnauthorizedAccessException => $"{e.Message} Choose a location you can write to.",
        _ => e.Message,
    };

    /// <summary>130 for Ctrl+C, as shells expect; 1 otherwise.</summary>
    public static int ExitCode(Exception e) => e is OperationCanceledException ? 130 : 1;
}
