using System.Reflection;
using XYield.ML.Chemistry;
using XYield.ML.Runtime;
using XYield.ML.Training;

namespace XYield.ML.Cli;

/// <summary>Which exceptions are the user's to fix (reported in one line) rather than bugs (reported with a trace).</summary>
internal static class UserErrors
{
    /// <summary>Whether <paramref name="e"/> (once unwrapped, see <see cref="Unwrap"/>) is reported in one line.</summary>
    public static bool IsUserError(Exception e) => Unwrap(e) is FileNotFoundException or DirectoryNotFoundException
        or InvalidDataException or FormulaParseException or ArgumentException or TorchBackendUnavailableException
        or DeviceUnavailableException or TrainingDivergedException
        or UnauthorizedAccessException or OperationCanceledException or IOException;

    /// <summary>The one line for <paramref name="e"/>, after "error: ".</summary>
    // Line breaks are joined: ArgumentOutOfRangeException appends "Actual value was …" on a line of its own.
    public static string Describe(Exception e) => DescribeUnwrapped(Unwrap(e)).ReplaceLineEndings(" ");

    private static string DescribeUnwrapped(Exception e) => e switch
    {
        OperationCanceledException => "cancelled.",
        UnauthorizedAccessException u => $"{u.Message} Choose a location you can write to.",
        // The library's advice names its option (Device = "cpu"); the tool's user types --device, and cannot add a
        // package to the installed tool: the doctor prints the build that has CUDA.
        DeviceUnavailableException { Setting: { } setting, Problem: { } problem } =>
            $"--device {setting} cannot be used: {problem}. Use --device cpu or --device auto; 'xyield doctor' says how to get a CUDA build of the tool.",
        // Already names the stage, epoch and step and what to change.
        var inner => inner.Message,
    };

    /// <summary>130 for Ctrl+C, as shells expect; 1 otherwise.</summary>
    public static int ExitCode(Exception e) => Unwrap(e) is OperationCanceledException ? 130 : 1;

    /// <summary>
    /// The exception inside the wrappers that tasks and reflection add (ML.NET invokes loaders by reflection, workers
    /// run in tasks), so a user's error arriving that way is still one line.
    /// </summary>
    public static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    e = aggregate.InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                default:
                    return e;
            }
        }
    }
}
