using System.Diagnostics;
using XYield.ML.Cli.Workflows;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Cli.Tests.Commands;

/// <summary><c>xyield screen</c> and <c>xyield predict --input</c> as a user runs them, including Ctrl+C mid-screening.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ScreenCommandTests
{
    private string _folder = "";
    private string[] _models = [];

    [OneTimeSetUp]
    public void SaveTwoModels()
    {
        _folder = Directory.CreateTempSubdirectory("xyield-screen-").FullName;
        _models = [.. new[] { 0, 1 }.Select(seed =>
        {
            var settings = TrainSettings.Quick(YieldCnnMethod.NoPretraining, YieldTask.Regression, split: 10, seed: seed, data: null, device: "cpu") with
            {
                FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 2 },
            };
            var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);
            var path = Path.Combine(_folder, $"model-{seed}.zip");
            new Microsoft.ML.MLContext().Model.SaveYieldModel(result.Model, result.InputSchema, path);
            return path;
        })];
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Screening_a_subspace_writes_the_ranked_table_and_the_plot()
    {
        var table = Path.Combine(_folder, "top.csv");
        var plot = Path.Combine(_folder, "top.png");

        var result = CliProcess.Run(TestPaths.CliOutput, null, "screen", "-m", _models[0], "-m", _models[1], "--elements", "Mo,Nb,Ta,W",
            "--min-elements", "2", "--max-elements", "3", "--step", "10", "--temperature", "1500,1700", "--top", "7", "--criterion", "lcb:1", "--output", table, "--plot", plot, "--device", "cpu");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardError, Does.Contain("396 candidates (2 temperature(s)), 2 model(s), criterion lcb:1; about"));
        var lines = File.ReadAllLines(table);
        Assert.That(lines[0], Is.EqualTo("rank,composition,temperature_K,ys_gpa,ys_std_gpa,score,mc_gpa,in_domain,domain_note"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(Enumerable.Range(1, 7).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(lines.Skip(1).Select(l => double.Parse(l.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered.Descending);
        Assert.That(new FileInfo(plot).Length, Is.GreaterThan(1000));
    }

    [TestCase("--criterion p>1", "needs a predictive uncertainty")]
    [TestCase("--elements Mo,Xx", "'Xx' is not a palette element")]
    [TestCase("--bound Mo=0.5:0.2", "--bound 'Mo=0.5:0.2' must be ELEMENT=MIN:MAX")]
    [TestCase("--step 7", "must divide 100")]
    [TestCase("--temperature 1500,abc", "--temperature")]
    [TestCase("--top 0", "--top must be")]
    [TestCase("--paper-grid --step 5", "--paper-grid fixes the element counts and steps")]
    public void Bad_screening_options_are_one_line_errors(string arguments, string message)
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, ["screen", "-m", _models[0], "--device", "cpu", .. arguments.Split(' ')]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim(), Does.StartWith("error: ").And.Contain(message).And.Not.Contain("\n"));
    }

    [Test]
    public void Ctrl_c_keeps_a_valid_table_of_what_was_scored()
    {
        var table = Path.Combine(_folder, "partial.csv");
        using var process = CliProcess.Start(TestPaths.CliOutput, null, "screen", "-m", _models[0], "--max-elements", "5", "--top", "5", "--output", table, "--device", "cpu");
        var clock = Stopwatch.StartNew();
        string? line;
        do
        {
            line = process.StandardError.ReadLine();
            Assert.That(line, Is.Not.Null, "xyield ended before scoring");
        }
        while (!line!.Contains(" / ", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromMinutes(2));

        CliProcess.Interrupt(process);
        var rest = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("xyield screen did not stop within a minute of SIGINT");
        }


        Assert.That(process.ExitCode, Is.EqualTo(130), rest.Result);
        Assert.That(rest.Result, Does.Contain("cancelled: scored"));
        var lines = File.ReadAllLines(table);
        Assert.That(lines, Has.Length.EqualTo(6), "header and the best five of what was scored");
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "1", "2", "3", "4", "5" }));
    }

    [Test]
    public void Predict_scores_a_candidate_file_with_an_ensemble()
    {
        var input = Path.Combine(_folder, "candidates.csv");
        var output = Path.Combine(_folder, "scored.csv");
        File.WriteAllText(input, "Formula,Temperature_K\nMoNbTaW,1500\nMoNbTaWX,1500\n");

        var result = CliProcess.Run(TestPaths.CliOutput, null, "predict", "-m", _models[0], "-m", _models[1], "--input", input, "--output", output);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardError, Does.Contain("scored 1 of 2 rows with 2 model(s)").And.Contain("1 row(s) could not be scored"));
        var lines = File.ReadAllLines(output);
        Assert.That(lines[0], Is.EqualTo("Formula,Temperature_K,ys_gpa,ys_std_gpa,mc_gpa,in_domain,domain_note,reason"));
        Assert.That(lines[2], Does.StartWith("MoNbTaWX,1500,,,,,,").And.Contain("unreadable formula"));
    }
}
