using XYield.ML.Evaluation;

namespace XYield.ML.Tests.Evaluation;

/// <summary>Calibration metrics against values worked out by hand.</summary>
[TestFixture]
public sealed class CalibrationTests
{
    // Four points, σ = 0.1 everywhere; errors 0.05, 0.15, 0.25, 0 → z = 0.5, 1.5, 2.5, 0.
    private static readonly double[] Mean = [1.0, 1.0, 1.0, 1.0];
    private static readonly double[] Sigma = [0.1, 0.1, 0.1, 0.1];
    private static readonly double[] Actual = [1.05, 0.85, 1.25, 1.0];

    [Test]
    public void Coverage_counts_points_inside_one_and_one_point_nine_six_sigma()
    {
        var calibration = Calibration.Of(Mean, Sigma, Actual);

        Assert.That(calibration.Points, Is.EqualTo(4));
        Assert.That(calibration.Coverage68, Is.EqualTo(0.5), "z = 0.5 and 0 are inside 1σ");
        Assert.That(calibration.Coverage95, Is.EqualTo(0.75), "z = 1.5 is inside 1.96σ, 2.5 is not");
    }

    [Test]
    public void Negative_log_likelihood_is_the_gaussian_one()
    {
        // Mean of ½ln(2π) + ln 0.1 + ½z² over z² = 0.25, 2.25, 6.25, 0: ½ln(2π) + ln 0.1 + ½·2.1875.
        var expected = (0.5 * Math.Log(2 * Math.PI)) + Math.Log(0.1) + (0.5 * 2.1875);

        Assert.That(Calibration.Of(Mean, Sigma, Actual).MeanNegativeLogLikelihood, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void The_scale_factor_makes_the_mean_squared_z_one()
    {
        var scale = Calibration.ScaleFactor(Mean, Sigma, Actual);

        Assert.That(scale, Is.EqualTo(Math.Sqrt(2.1875)).Within(1e-12));
        var scaled = Sigma.Select(s => s * scale).ToArray();
        Assert.That(Calibration.ScaleFactor(Mean, scaled, Actual), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void The_correlation_is_positive_when_sigma_tracks_the_error()
    {
        var calibration = Calibration.Of([0, 0, 0], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3]);

        Assert.That(calibration.UncertaintyErrorCorrelation, Is.EqualTo(1).Within(1e-12));
        Assert.That(calibration.Coverage68, Is.EqualTo(1));
    }

    [Test]
    public void Zero_or_mismatched_sigmas_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Calibration.Of([1], [0], [1]));
        Assert.Throws<ArgumentException>(() => Calibration.Of([1, 2], [0.1], [1, 2]));
        Assert.Throws<ArgumentException>(() => Calibration.ScaleFactor([1], [double.NaN], [1]));
    }
}
