using System.CommandLine;
using Spectre.Console;
using XYield.ML.Cli;
using XYield.ML.Cli.Commands;

if (Console.IsOutputRedirected)
{
    // Spectre wraps at 80 columns when it cannot see a terminal; logs and pipes want whole lines.
    AnsiConsole.Profile.Width = 1000;
}

var root = new RootCommand("xyield: the X-Yield benchmark for refractory high-entropy alloy yield strength, in .NET.")
{
    DoctorCommand.Create(),
    DataCommand.Create(),
    SimulateCommand.Create(),
    TrainCommand.Create(),
    PredictCommand.Create(),
    ScreenCommand.Create(),
    BenchmarkCommand.Create(),
};

try
{
    // After Ctrl+C an action gets this long to stop and save (the benchmark rewrites its report) before the process ends.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
}
catch (Exception e) when (UserErrors.IsUserError(e))
{
    // A problem with the user's input or machine: one line that says what to do, not a stack trace.
    await Console.Error.WriteLineAsync($"error: {UserErrors.Describe(e)}");
    return UserErrors.ExitCode(e);
}
