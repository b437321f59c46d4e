using System.CommandLine;
using Spectre.Console;
using XYield.ML.Cli.Commands;

if (Console.IsOutputRedirected)
{
    // Spectre wraps at 80 columns when it cannot see a terminal; logs and pipes want whole lines.
    AnsiConsole.Profile.Width = 1000;
}

var root = new RootCommand("xyield: the X-Yield benchmark for refractory high-entropy alloy yield strength, in .NET.")
{
    DoctorCommand.Create(),
    SimulateCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
