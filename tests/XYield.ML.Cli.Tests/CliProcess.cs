using System.Diagnostics;

namespace XYield.ML.Cli.Tests;

/// <summary>Runs the built xyield CLI as a separate process, as a user would.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(string cliFolder, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(cliFolder, environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"xyield {string.Join(' ', arguments)} did not finish in 5 minutes.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts xyield without waiting, for tests that interrupt it; read or drain its redirected output.</summary>
    public static Process Start(string cliFolder, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        // Through `env --default-signal=INT` (GNU coreutils): a test run started in the background of a shell (`./build.sh
        // test &`) inherits SIGINT as ignored, and so would xyield, so the Ctrl+C tests could not interrupt it.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cliFolder,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(cliFolder, "xyield.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
