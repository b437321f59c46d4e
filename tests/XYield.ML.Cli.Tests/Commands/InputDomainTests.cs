using XYield.ML.Cli.Commands;
using XYield.ML.Cli.Workflows;
using XYield.ML.Data.Experimental;
using XYield.ML.Methods;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Cli.Tests.Commands;

/// <summary>Inside the documented domain an answer is plain; outside it is refused in one line or printed with a warning.</summary>
[TestFixture]
[NonParallelizable]
public sealed class InputDomainTests
{
    private string _folder = "";
    private string _model = "";

    [OneTimeSetUp]
    public void TrainATinyModel()
    {
        var settings = TrainSettings.Quick(YieldCnnMethod.NoPretraining, YieldTask.Regression, split: 10, seed: 0, data: null, device: "cpu") with
        {
            FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 2 },
        };
        var result = TrainWorkflow.Run(settings, null, null, CancellationToken.None);
        _folder = Directory.CreateTempSubdirectory("xyield-domain-").FullName;
        _model = Path.Combine(_folder, "model.zip");
        new Microsoft.ML.MLContext().Model.Save(result.Model, result.InputSchema, _model);
    }

    [OneTimeTearDown]
    public void DeleteTheModel() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_stated_experimental_range_is_the_data_s()
    {
        var data = ExperimentalDataSet.Load();

        Assert.That(data.Min(p => p.TemperatureKelvin), Is.EqualTo(InputDomain.ExperimentalMinKelvin).Within(1e-9));
        Assert.That(data.Max(p => p.TemperatureKelvin), Is.EqualTo(InputDomain.ExperimentalMaxKelvin).Within(1e-9));
        Assert.That(data.Min(p => p.ElementCount), Is.EqualTo(InputDomain.ExperimentalMinElements));
        Assert.That(data.Max(p => p.ElementCount), Is.EqualTo(InputDomain.ExperimentalMaxElements));
        Assert.That((InputDomain.SimulatedMinKelvin, InputDomain.SimulatedMaxKelvin), Is.EqualTo((300.0, 2500.0)));
    }

    [TestCase("300")]
    [TestCase("1273.15")]
    [TestCase("2500")]
    public void Simulate_inside_the_grid_answers_without_a_warning(string kelvin)
    {
        var result = Simulate("MoNbTaTiW", kelvin);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardError, Is.Empty);
        Assert.That(result.StandardOutput, Does.Contain($"MoNbTaTiW at {kelvin} K: "));
    }

    [TestCase("299", "299 K is outside the simulated grid's 300–2500 K")]
    [TestCase("10000", "10000 K is outside the simulated grid's 300–2500 K")]
    [TestCase("1e308", "1E+308 K is outside the simulated grid's 300–2500 K")]
    public void Simulate_outside_the_grid_answers_with_a_warning(string kelvin, string warning)
    {
        var result = Simulate("MoNbTaTiW", kelvin);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardError.Trim(), Does.StartWith("warning: " + warning).And.Not.Contain("\n"));
        Assert.That(result.StandardOutput, Does.Contain(" GPa ("));
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("1e400")]
    [TestCase("1273,15")]
    [TestCase("hot")]
    public void Simulate_refuses_a_temperature_that_is_not_finite_and_positive(string kelvin) =>
        AssertOneLineError(Simulate("MoNbTaTiW", kelvin), $"error: --temperature must be a number > 0, the temperature in kelvin, written like 1273.15 or 1.3e3 (got '{kelvin}').");

    [Test]
    public void Simulate_refuses_a_pure_element() =>
        AssertOneLineError(Simulate("Mo", "1000"), "error: --alloy Mo is a pure element: the Maresca–Curtin model gives the solid-solution strengthening of alloys of 2 or more elements");

    [Test]
    public void Simulate_warns_about_a_binary_outside_the_grid_s_orders()
    {
        var result = Simulate("MoNb", "1000");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.StandardError.Trim(), Is.EqualTo("warning: 2 elements is outside the simulated grid's 3–7-element alloys."));
    }

    [TestCase("0", "--strain-rate must be a number > 0")]
    [TestCase("-1e-3", "--strain-rate must be a number > 0")]
    [TestCase("NaN", "--strain-rate must be a number > 0")]
    [TestCase("1e5", "--strain-rate must be below the model's reference strain rate 1E+4 1/s (got '1e5')")]
    public void Simulate_refuses_a_strain_rate_that_is_not_finite_positive_and_below_the_reference(string rate, string message) =>
        AssertOneLineError(CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--alloy", "MoNbTaTiW", "--temperature", "1000", "--strain-rate", rate), "error: " + message);

    [TestCase("MoNbTaTiW", "1273.15")]
    [TestCase("MoNbTaW", "293.15")]
    [TestCase("MoNbTaW", "1873.15")]
    public void Predict_inside_the_data_answers_without_a_domain_warning(string alloy, string kelvin)
    {
        var result = Predict(alloy, kelvin);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardError, Does.Not.Contain("is outside"));
        Assert.That(result.StandardOutput, Does.Match($@" at {kelvin.Replace(".", @"\.", StringComparison.Ordinal)} K: -?\d+(\.\d+)? GPa"));
    }

    [TestCase("MoNbTaTiW", "1e6", "warning: 1000000 K is outside the experimental data's 293.15–1873.15 K")]
    [TestCase("MoNbTaTiW", "100", "warning: 100 K is outside the experimental data's 293.15–1873.15 K")]
    [TestCase("Mo", "1273.15", "warning: 1 element(s) is outside the experimental data's 3–6-element alloys")]
    [TestCase("AlCrFeHfMoNbTaTiVWZr", "1273.15", "warning: 11 element(s) is outside the experimental data's 3–6-element alloys")]
    public void Predict_outside_the_data_answers_with_a_warning(string alloy, string kelvin, string warning)
    {
        var result = Predict(alloy, kelvin);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);
        Assert.That(result.StandardError, Does.Contain(warning));
        Assert.That(result.StandardOutput, Does.Contain(" GPa"));
    }

    [TestCase("0", "error: --temperature must be a number > 0")]
    [TestCase("-1", "error: --temperature must be a number > 0")]
    [TestCase("NaN", "error: --temperature must be a number > 0")]
    [TestCase("1e400", "error: --temperature must be a number > 0")]
    [TestCase("1e-50", "error: --temperature 1e-50 K does not fit the model's single-precision input")]
    [TestCase("1e39", "error: --temperature 1e39 K does not fit the model's single-precision input")]
    public void Predict_refuses_a_temperature_that_is_not_finite_and_positive(string kelvin, string message) =>
        AssertOneLineError(Predict("MoNbTaTiW", kelvin), message);

    private static CliProcess.Result Simulate(string alloy, string kelvin) =>
        CliProcess.Run(TestPaths.CliOutput, null, "simulate", "--alloy", alloy, "--temperature", kelvin);

    private CliProcess.Result Predict(string alloy, string kelvin) =>
        CliProcess.Run(TestPaths.CliOutput, null, "predict", "--model", _model, "--alloy", alloy, "--temperature", kelvin);

    private static void AssertOneLineError(CliProcess.Result result, string message)
    {
        Assert.That(result.ExitCode, Is.EqualTo(1), result.StandardOutput);
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError.Trim(), Does.StartWith(message).And.Not.Contain("\n"));
    }
}
