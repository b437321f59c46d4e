using XYield.ML.Evaluation;

namespace XYield.ML.Tests.Evaluation;

[TestFixture]
public sealed class EvaluationTests
{
    [Test]
    public void Confidence_interval_uses_student_t()
    {
        // n = 4, mean 2.5, s = 1.2910; t(0.975, 3) = 3.182446 → half-width 2.0542.
        var ci = MeanWithInterval.Of([1, 2, 3, 4]);

        Assert.That(ci.Mean, Is.EqualTo(2.5).Within(1e-12));
        Assert.That(ci.HalfWidth, Is.EqualTo(3.182446305 * 1.290994449 / 2).Within(1e-6));
        Assert.That(ci.ToString("0.00"), Is.EqualTo("2.50 ± 2.05"));
        Assert.That(MeanWithInterval.Of([7]), Is.EqualTo(new MeanWithInterval(7, 0, 1)));
        Assert.That(MeanWithInterval.Of([7]).ToString("0.00"), Is.EqualTo("7.00 ± n/a"), "one run has no interval, not a zero-width one");
        Assert.Throws<ArgumentException>(() => MeanWithInterval.Of([]));
        Assert.Throws<ArgumentException>(() => MeanWithInterval.Of([1, double.NaN]));
    }

    [Test]
    public void Mse_and_accuracy()
    {
        Assert.That(Metrics.MeanSquaredError([1, 2, 3], [1, 2, 5]), Is.EqualTo(4.0 / 3).Within(1e-12));
        Assert.That(Metrics.Accuracy([0, 1, 2, 3], [0, 1, 1, 3]), Is.EqualTo(0.75));
        Assert.Throws<ArgumentException>(() => Metrics.MeanSquaredError([1], [1, 2]));
        Assert.Throws<ArgumentException>(() => Metrics.Accuracy([], []));
    }

    [Test]
    public void Mse_by_temperature_bins_points_by_range()
    {
        var ranges = Metrics.MeanSquaredErrorByTemperature([1, 1, 1, 1], [1, 2, 1, 4], [300, 500, 900, 950], [273, 600, 800, 1000, 1200]);

        Assert.That(ranges, Is.EqualTo(new[]
        {
            new TemperatureRangeError(273, 600, 2, 0.5),
            new TemperatureRangeError(800, 1000, 2, 4.5),
        }));
        Assert.Throws<ArgumentException>(() => Metrics.MeanSquaredErrorByTemperature([1], [1], [300], [500, 400]));
    }

    [Test]
    public void Ensemble_spread_and_its_correlation_with_error()
    {
        // Point 0: members agree and are right; point 2: members disagree and are wrong.
        IReadOnlyList<double>[] members = [[1.0, 2.0, 2.0], [1.0, 2.2, 4.0], [1.0, 1.8, 0.0]];
        var stats = EnsembleStatistics.Of(members, [1.0, 2.0, 5.0]);

        Assert.That(stats.Mean, Is.EqualTo(new[] { 1.0, 2.0, 2.0 }).Within(1e-12));
        Assert.That(stats.Uncertainty[0], Is.EqualTo(0));
        Assert.That(stats.Uncertainty[2], Is.EqualTo(2.0).Within(1e-12));
        Assert.That(stats.MeanSquaredError, Is.EqualTo(3.0).Within(1e-12));
        Assert.That(stats.UncertaintyErrorCorrelation, Is.GreaterThan(0.9));
        Assert.Throws<ArgumentException>(() => EnsembleStatistics.Of([[1.0]], [1.0]));
    }
}
