using System.CommandLine;
using Spectre.Console;
using XYield.ML.Cli.Doctor;

namespace XYield.ML.Cli.Commands;

/// <summary><c>xyield doctor</c>: checks that this machine can run XYield.ML and says how to fix what cannot.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var command = new Command("doctor", "Check the .NET runtime, the TorchSharp native backend, devices and the experimental data file.")
        {
            data,
        };
        command.SetAction(parse =>
        {
            var checks = DoctorChecks.Run(parse.GetValue(data));
            foreach (var check in checks)
            {
                var (mark, colour) = check.Status switch
                {
                    CheckStatus.Ok => ("OK  ", "green"),
                    CheckStatus.Warning => ("WARN", "yellow"),
                    _ => ("FAIL", "red"),
                };
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[{colour}]{mark}[/] {check.Name}: {check.Detail}");
            }

            return checks.Any(c => c.Status == CheckStatus.Failed) ? 1 : 0;
        });
        return command;
    }
}
