using System.CommandLine;
using XYield.ML.Data;

namespace XYield.ML.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary>The experimental data file (or its folder); falls back to XYIELD_DATA, then the copy embedded in XYield.ML.</summary>
    public static Option<string?> Data() => new("--data")
    {
        Description = $"Path of {ExperimentalDataLocator.FileName} or its folder (default: ${ExperimentalDataLocator.EnvironmentVariable}, then the copy embedded in XYield.ML).",
    };
}
