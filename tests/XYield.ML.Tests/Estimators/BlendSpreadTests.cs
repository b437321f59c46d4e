using XYield.ML.Estimators;

namespace XYield.ML.Tests.Estimators;

/// <summary>σ = √(α² + (β·r)²) of the recommended model, fitted by maximum likelihood to held-out errors.</summary>
[TestFixture]
public sealed class BlendSpreadTests
{
    [Test]
    public void The_mean_and_raw_spread_match_hand_computed_values()
    {
        Assert.That(BlendSpread.Mean(1.2, 0.8), Is.EqualTo(1.0).Within(1e-15));
        Assert.That(BlendSpread.Raw(1.2, 0.8, 0), Is.EqualTo(0.2).Within(1e-15), "two members: half their difference");
        Assert.That(BlendSpread.Raw(1.2, 0.8, 0.15), Is.EqualTo(0.25).Within(1e-15), "√(0.15² + 0.2²)");
        Assert.That(new BlendSpread(0.3, 2).StandardDeviation(0.2), Is.EqualTo(0.5).Within(1e-15), "√(0.3² + (2·0.2)²)");
        // N(0, 0.5²) at e = 0.5: ½(ln(2π·0.25) + 1).
        Assert.That(new BlendSpread(0.3, 2).MeanNegativeLogLikelihood([0.5], [0.2]), Is.EqualTo(0.5 * (Math.Log(2 * Math.PI * 0.25) + 1)).Within(1e-12));
    }

    [Test]
    public void With_equal_raw_spreads_the_fitted_variance_is_the_mean_square_error()
    {
        double[] errors = [0.3, -0.1, 0.25, -0.4, 0.05, 0.2];
        var raw = Enumerable.Repeat(0.1, errors.Length).ToArray();

        var fit = BlendSpread.Fit(errors, raw, 1e-3);

        // Only α² + β²r² is identifiable here; its maximum-likelihood value is mean e².
        Assert.That(Math.Pow(fit.StandardDeviation(0.1), 2), Is.EqualTo(errors.Average(e => e * e)).Within(1e-6));
    }

    [Test]
    public void Errors_that_grow_with_the_spread_give_a_scale_and_the_fit_is_a_likelihood_maximum()
    {
        // Errors of ±(0.05 + 2r): the disagreement tells how wrong a prediction is.
        var raw = Enumerable.Range(0, 40).Select(i => 0.01 * (i % 10)).ToArray();
        var errors = raw.Select((r, i) => (i % 2 == 0 ? 1 : -1) * (0.05 + (2 * r))).ToArray();

        var fit = BlendSpread.Fit(errors, raw, 1e-3);
        var best = fit.MeanNegativeLogLikelihood(errors, raw);

        Assert.That(fit.Scale, Is.GreaterThan(1));
        Assert.That(fit.Floor, Is.LessThan(0.1));
        foreach (var (da, db) in new[] { (1.05, 1.0), (0.95, 1.0), (1.0, 1.05), (1.0, 0.95) })
        {
            var moved = new BlendSpread(fit.Floor * da, fit.Scale * db).MeanNegativeLogLikelihood(errors, raw);
            Assert.That(moved, Is.GreaterThanOrEqualTo(best - 1e-9), $"α×{da}, β×{db}");
        }

        // The two one-parameter answers are worse: a constant σ, and σ proportional to r (α at its 1 MPa minimum).
        Assert.That(new BlendSpread(Math.Sqrt(errors.Average(e => e * e)), 0).MeanNegativeLogLikelihood(errors, raw), Is.GreaterThan(best));
        var proportional = Math.Sqrt(errors.Select((e, i) => e * e / Math.Max(raw[i] * raw[i], 1e-6)).Average());
        Assert.That(new BlendSpread(1e-3, proportional).MeanNegativeLogLikelihood(errors, raw), Is.GreaterThan(best));
    }

    [Test]
    public void Errors_that_ignore_the_spread_give_a_constant_sigma_and_errors_proportional_to_it_a_pure_scale()
    {
        var raw = Enumerable.Range(0, 40).Select(i => 0.01 * (1 + (i % 10))).ToArray();
        var constant = raw.Select((_, i) => i % 2 == 0 ? 0.2 : -0.2).ToArray();
        var proportional = raw.Select((r, i) => (i % 2 == 0 ? 1 : -1) * 3 * r).ToArray();

        var flat = BlendSpread.Fit(constant, raw, 1e-3);
        var scaled = BlendSpread.Fit(proportional, raw, 1e-3);

        Assert.That(flat.StandardDeviation(raw.Min()), Is.EqualTo(0.2).Within(0.01));
        Assert.That(flat.StandardDeviation(raw.Max()), Is.EqualTo(0.2).Within(0.01), "the disagreement tells nothing here");
        Assert.That(scaled.Scale, Is.EqualTo(3).Within(0.05));
        Assert.That(scaled.Floor, Is.LessThan(0.01), "σ = 3r needs no floor");
    }
}
