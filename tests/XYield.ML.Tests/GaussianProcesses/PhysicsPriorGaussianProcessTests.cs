using XYield.ML.Chemistry;
using XYield.ML.GaussianProcesses;
using XYield.ML.Physics;

namespace XYield.ML.Tests.GaussianProcesses;

/// <summary>The Gaussian-process correction against cases whose answer is known by hand.</summary>
[TestFixture]
public sealed class PhysicsPriorGaussianProcessTests
{
    private static readonly MarescaCurtinModel Physics = new();
    private static readonly string[] Alloys = ["MoNbTaW", "NbTaTiV", "HfNbTaTiZr", "CrMoNbV", "MoNbTaTi", "AlMoNbTaTiZr"];

    private static double[] Fractions(string formula) => Composition.Parse(formula).ToPaletteFractions();

    private static double Mc(string formula, double kelvin) => Physics.YieldStrength(Fractions(formula), kelvin) / 1000;

    private static (double[], double, double)[] Points(Func<string, double, double> strength) =>
        [.. Alloys.SelectMany(a => new[] { 300.0, 900.0, 1500.0 }.Select(t => (Fractions(a), t, strength(a, t))))];

    [Test]
    public void With_no_room_for_departures_it_is_the_least_squares_fit_of_the_physics_trend()
    {
        // y = 0.1 + 2·σ_MC exactly; a vanishing signal variance leaves only the GLS mean.
        var process = PhysicsPriorGaussianProcess.Fit(Points((a, t) => 0.1 + (2 * Mc(a, t))), new GaussianProcessSettings(1e-4, 0.3, 0.5, 1e-3));

        Assert.That(process.MeanCoefficients[0], Is.EqualTo(0.1).Within(1e-6));
        Assert.That(process.MeanCoefficients[1], Is.EqualTo(2).Within(1e-6));
        var (mean, deviation) = process.Predict(Fractions("MoNbTaTiW"), 1200);
        Assert.That(mean, Is.EqualTo(0.1 + (2 * Mc("MoNbTaTiW", 1200))).Within(1e-5), "an alloy it never saw");
        Assert.That(deviation / process.UncertaintyScale, Is.EqualTo(Math.Sqrt((1e-4 * 1e-4) + (1e-3 * 1e-3))).Within(1e-6), "σ² = s² − (explained) + σ_n², with nothing explained far off");
    }

    [Test]
    public void Near_the_data_it_follows_the_departures_and_far_away_it_returns_to_the_trend()
    {
        // Every MoNbTaW measurement is 0.3 GPa above the trend; the other alloys sit on it.
        var settings = new GaussianProcessSettings(0.3, 0.1, 1, 0.01);
        var process = PhysicsPriorGaussianProcess.Fit(Points((a, t) => Mc(a, t) + (a == "MoNbTaW" ? 0.3 : 0)), settings);

        var (atData, nearDeviation) = process.Predict(Fractions("MoNbTaW"), 900);
        var (farAway, farDeviation) = process.Predict(Fractions("AlCrFe"), 900);
        var trend = process.MeanCoefficients[0] + (process.MeanCoefficients[1] * Mc("AlCrFe", 900));

        Assert.That(atData - Mc("MoNbTaW", 900), Is.EqualTo(0.3).Within(0.03), "the departure is learned where it was measured");
        Assert.That(farAway, Is.EqualTo(trend).Within(1e-6), "no correlation with any training alloy: the trend alone");
        Assert.That(nearDeviation / process.UncertaintyScale, Is.LessThan(0.05));
        Assert.That(farDeviation / process.UncertaintyScale, Is.EqualTo(Math.Sqrt((0.3 * 0.3) + (0.01 * 0.01))).Within(1e-6), "the prior deviation plus the noise");
    }

    [Test]
    public void The_marginal_likelihood_search_does_at_least_as_well_as_its_starting_point()
    {
        var random = new Random(3);
        var points = Points((a, t) => Mc(a, t) * (1 + (0.2 * Math.Sin(a.Length))) + (0.02 * random.NextDouble()));

        var fitted = PhysicsPriorGaussianProcess.Fit(points);
        var start = PhysicsPriorGaussianProcess.Fit(points, new GaussianProcessSettings(fitted.Settings.SignalDeviation, 0.25, 0.5, fitted.Settings.SignalDeviation / 3));

        Assert.That(fitted.LogMarginalLikelihood, Is.GreaterThanOrEqualTo(start.LogMarginalLikelihood - 1e-9));
        Assert.That(double.IsFinite(fitted.LogMarginalLikelihood), Is.True);
    }

    [Test]
    public void Over_confident_settings_get_an_uncertainty_scale_above_one_from_the_training_part()
    {
        // Departures of ±0.2 GPa alternating by temperature, but a kernel that claims 0.01 GPa of noise and smooth
        // temperature behaviour: held-out residuals are many σ, so the scale grows.
        var points = Points((a, t) => Mc(a, t) + (t == 900 ? 0.2 : -0.2));
        var overConfident = PhysicsPriorGaussianProcess.Fit(points, new GaussianProcessSettings(0.05, 0.3, 5, 0.01));
        var matched = PhysicsPriorGaussianProcess.Fit(points);

        Assert.That(overConfident.UncertaintyScale, Is.GreaterThan(3));
        Assert.That(matched.UncertaintyScale, Is.GreaterThanOrEqualTo(1), "widened, never narrowed");
        var raw = PhysicsPriorGaussianProcess.Fit(points, overConfident.Settings);
        Assert.That(raw.Predict(Fractions("MoNbTaW"), 900).StandardDeviation / raw.UncertaintyScale, Is.GreaterThan(0), "σ is the scaled one");
    }

    [Test]
    public void Too_few_points_or_bad_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PhysicsPriorGaussianProcess.Fit(Points((a, t) => 1).Take(2).ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsPriorGaussianProcess.Fit(Points((a, t) => 1), new GaussianProcessSettings(0, 1, 1, 1)));
    }
}
