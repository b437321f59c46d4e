using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using XYield.ML.Chemistry;
using XYield.ML.Physics;

namespace XYield.ML.GaussianProcesses;

/// <summary>
/// A Gaussian-process correction of the Maresca–Curtin model: the yield strength is β₀ + β₁·σ_MC(x) plus a Gaussian
/// process over the composition and temperature, so the physics gives the trend and the process learns where the
/// measurements depart from it. Predictions come with a standard deviation (of a new measurement: it includes the noise).
/// </summary>
/// <remarks>
/// Inputs are the 11 palette fractions and T/1000 K. The kernel is s²·exp(−‖Δf‖²/(2ℓ_f²) − (ΔT/1000)²/(2ℓ_T²)) plus a
/// noise variance σ_n² on the diagonal. The mean coefficients β are estimated by generalised least squares for given
/// kernel settings, and the four kernel settings (s, ℓ_f, ℓ_T, σ_n) maximise the log marginal likelihood (Nelder–Mead in
/// log space from three starts) — on the training points only, so nothing is chosen on test data. Fitting is O(n³)
/// per likelihood evaluation: fine for the experimental set's 238 points or fewer. Predicted standard deviations are
/// multiplied by <see cref="UncertaintyScale"/>, fitted by leave-one-composition-out on the training points.
/// </remarks>
public sealed class PhysicsPriorGaussianProcess
{
    private const int Features = Palette.Count + 1;
    private readonly double[][] _inputs;
    private readonly Vector<double> _alpha;
    private readonly Matrix<double> _cholesky;

    private PhysicsPriorGaussianProcess(double[][] inputs, GaussianProcessSettings settings, double[] beta, Vector<double> alpha, Matrix<double> cholesky, double logLikelihood)
    {
        _inputs = inputs;
        Settings = settings;
        MeanCoefficients = beta;
        _alpha = alpha;
        _cholesky = cholesky;
        LogMarginalLikelihood = logLikelihood;
    }

    /// <summary>The kernel settings chosen by marginal likelihood (or given).</summary>
    public GaussianProcessSettings Settings { get; }

    /// <summary>β₀ and β₁ of the mean β₀ + β₁·σ_MC, in GPa and GPa per GPa.</summary>
    public IReadOnlyList<double> MeanCoefficients { get; }

    /// <summary>The log marginal likelihood of the training data at <see cref="Settings"/>.</summary>
    public double LogMarginalLikelihood { get; }

    /// <summary>Fits the process, choosing the kernel settings by maximum marginal likelihood.</summary>
    /// <param name="points">Training points: palette fractions, temperature in K, yield strength in GPa (at least 3).</param>
    /// <param name="physics">The Maresca–Curtin model for the prior mean; null for the default.</param>
    /// <exception cref="ArgumentException">Fewer than three points, or a non-finite value.</exception>
    public static PhysicsPriorGaussianProcess Fit(IReadOnlyList<(double[] Fractions, double Kelvin, double YieldStrength)> points, MarescaCurtinModel? physics = null)
    {
        var (inputs, mc, y) = Prepare(points, physics);
        var distances = PairwiseDistances.Of(inputs);
        var spread = Math.Max(1e-3, StandardDeviation(y));
        GaussianProcessSettings? best = null;
        var bestLikelihood = double.NegativeInfinity;
        // Three starts: smooth, medium and rough in composition; the likelihood surface has shallow local optima.
        foreach (var lengthScale in new[] { 0.5, 0.25, 0.1 })
        {
            var start = Vector<double>.Build.DenseOfArray([Math.Log(spread), Math.Log(lengthScale), Math.Log(0.5), Math.Log(spread / 3)]);
            double Objective(Vector<double> theta) =>
                Bounded(theta) is { } settings && Solve(distances, mc, y, settings) is { } fit ? -fit.LogLikelihood : 1e10;
            MinimizationResult result;
            try
            {
                // 1e-4 nats of likelihood is far below what distinguishes settings; 600 steps bound the cost of a flat surface.
                result = new NelderMeadSimplex(1e-4, 600).FindMinimum(ObjectiveFunction.Value(Objective), start);
            }
            catch (MaximumIterationsException)
            {
                continue;
            }

            if (Bounded(result.MinimizingPoint) is { } candidate && -result.FunctionInfoAtMinimum.Value > bestLikelihood)
            {
                bestLikelihood = -result.FunctionInfoAtMinimum.Value;
                best = candidate;
            }
        }

        return Fit(points, best ?? new GaussianProcessSettings(spread, 0.25, 0.5, spread / 3), physics);
    }

    /// <summary>Fits the process with given kernel settings (no search).</summary>
    /// <param name="points">Training points: palette fractions, temperature in K, yield strength in GPa (at least 3).</param>
    /// <param name="settings">The kernel settings.</param>
    /// <param name="physics">The Maresca–Curtin model for the prior mean; null for the default.</param>
    public static PhysicsPriorGaussianProcess Fit(
        IReadOnlyList<(double[] Fractions, double Kelvin, double YieldStrength)> points, GaussianProcessSettings settings, MarescaCurtinModel? physics = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var (inputs, mc, y) = Prepare(points, physics);
        var fit = Solve(PairwiseDistances.Of(inputs), mc, y, settings)
            ?? throw new ArgumentException("The kernel matrix is not positive definite for these settings; increase the noise.", nameof(settings));
        return new PhysicsPriorGaussianProcess(inputs, settings, fit.Beta, fit.Alpha, fit.Cholesky, fit.LogLikelihood)
        {
            UncertaintyScale = LeaveOneOutScale(fit, inputs),
        };
    }

    /// <summary>
    /// The factor applied to every predicted standard deviation: √mean(z²) of the training points' closed-form
    /// leave-one-composition-out residuals (all temperatures of one alloy held out together, as a new alloy would be:
    /// e_G = A⁻¹[K⁻¹r]_G and Cov_G = A⁻¹ with A = [K⁻¹]_GG, z_i = e_i / √Cov_ii). It calibrates the uncertainty for alloys
    /// the process has not seen, on the training part alone: above 1 when the likelihood's σ are over-confident there, and
    /// never below 1 (the σ are widened, never narrowed).
    /// </summary>
    public double UncertaintyScale { get; private init; } = 1;

    /// <summary>The predicted yield strength (GPa) and its standard deviation for a new measurement.</summary>
    /// <param name="fractions">Palette fractions (11 values).</param>
    /// <param name="kelvin">Temperature in K.</param>
    /// <param name="physics">The Maresca–Curtin model; null for the default (use the one the process was fitted with).</param>
    public (double Mean, double StandardDeviation) Predict(ReadOnlySpan<double> fractions, double kelvin, MarescaCurtinModel? physics = null)
    {
        if (fractions.Length != Palette.Count)
        {
            throw new ArgumentException($"Expected {Palette.Count} palette fractions.", nameof(fractions));
        }

        var x = Input(fractions, kelvin);
        var mc = (physics ?? new MarescaCurtinModel()).YieldStrength(fractions, kelvin) / 1000;
        var k = Vector<double>.Build.Dense(_inputs.Length, i => Kernel(x, _inputs[i], Settings));
        var mean = MeanCoefficients[0] + (MeanCoefficients[1] * mc) + k.DotProduct(_alpha);
        var explained = ForwardSubstitution(_cholesky, k); // ‖L⁻¹k‖²
        var variance = (Settings.SignalDeviation * Settings.SignalDeviation) - explained + (Settings.NoiseDeviation * Settings.NoiseDeviation);
        return (mean, UncertaintyScale * Math.Sqrt(Math.Max(variance, 1e-12)));
    }

    private static double LeaveOneOutScale(Solution fit, double[][] inputs)
    {
        var n = fit.Alpha.Count;
        // K⁻¹ = L⁻ᵀL⁻¹ from the triangular factor.
        var lowerInverse = fit.Cholesky.Solve(Matrix<double>.Build.DenseIdentity(n));
        var kernelInverse = lowerInverse.TransposeThisAndMultiply(lowerInverse);
        var groups = Enumerable.Range(0, n).GroupBy(i => string.Join(',', inputs[i].Take(Palette.Count).Select(v => Math.Round(v, 6))));
        var sum = 0.0;
        foreach (var group in groups)
        {
            var rows = group.ToArray();
            var block = Matrix<double>.Build.Dense(rows.Length, rows.Length, (a, b) => kernelInverse[rows[a], rows[b]]);
            var covariance = block.Inverse();
            var residual = covariance * Vector<double>.Build.Dense(rows.Length, a => fit.Alpha[rows[a]]);
            for (var a = 0; a < rows.Length; a++)
            {
                sum += residual[a] * residual[a] / covariance[a, a];
            }
        }

        // Only ever widened: a held-out fit that looks under-confident on a few training alloys is no reason to promise more.
        var scale = Math.Sqrt(sum / n);
        return double.IsFinite(scale) ? Math.Max(1, scale) : 1;
    }

    // ‖v‖² for L v = k, L lower triangular: O(n²) per prediction.
    private static double ForwardSubstitution(Matrix<double> lower, Vector<double> k)
    {
        var v = new double[k.Count];
        var sum = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            var value = k[i];
            for (var j = 0; j < i; j++)
            {
                value -= lower[i, j] * v[j];
            }

            v[i] = value / lower[i, i];
            sum += v[i] * v[i];
        }

        return sum;
    }

    private static (double[][] Inputs, double[] MarescaCurtin, double[] Y) Prepare(
        IReadOnlyList<(double[] Fractions, double Kelvin, double YieldStrength)> points, MarescaCurtinModel? physics)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3)
        {
            throw new ArgumentException("A Gaussian-process correction needs at least three training points.", nameof(points));
        }

        physics ??= new MarescaCurtinModel();
        var inputs = new double[points.Count][];
        var mc = new double[points.Count];
        var y = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var (fractions, kelvin, strength) = points[i];
            if (fractions is null || fractions.Length != Palette.Count || !fractions.All(double.IsFinite) || !double.IsFinite(kelvin) || !double.IsFinite(strength))
            {
                throw new ArgumentException($"Training point {i} needs {Palette.Count} finite fractions, a finite temperature and yield strength.", nameof(points));
            }

            inputs[i] = Input(fractions, kelvin);
            mc[i] = physics.YieldStrength(fractions, kelvin) / 1000;
            y[i] = strength;
        }

        return (inputs, mc, y);
    }

    private static double[] Input(ReadOnlySpan<double> fractions, double kelvin)
    {
        var x = new double[Features];
        fractions.CopyTo(x);
        x[Palette.Count] = kelvin / 1000;
        return x;
    }

    private static double Kernel(double[] a, double[] b, GaussianProcessSettings s)
    {
        var composition = 0.0;
        for (var i = 0; i < Palette.Count; i++)
        {
            var d = a[i] - b[i];
            composition += d * d;
        }

        var t = a[Palette.Count] - b[Palette.Count];
        return s.SignalDeviation * s.SignalDeviation * Math.Exp((-composition / (2 * s.CompositionLengthScale * s.CompositionLengthScale)) - (t * t / (2 * s.TemperatureLengthScale * s.TemperatureLengthScale)));
    }

    // The GLS mean, K⁻¹(y − Hβ) and the log marginal likelihood; null when K is not positive definite.
    private static Solution? Solve(PairwiseDistances distances, double[] mc, double[] y, GaussianProcessSettings s)
    {
        var n = y.Length;
        var noise = s.NoiseDeviation * s.NoiseDeviation;
        var signal = s.SignalDeviation * s.SignalDeviation;
        var f = 1 / (2 * s.CompositionLengthScale * s.CompositionLengthScale);
        var t = 1 / (2 * s.TemperatureLengthScale * s.TemperatureLengthScale);
        var kernel = Matrix<double>.Build.Dense(n, n, (i, j) =>
            (signal * Math.Exp((-distances.Composition[i, j] * f) - (distances.Temperature[i, j] * t))) + (i == j ? noise + 1e-10 : 0));
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
        try
        {
            cholesky = kernel.Cholesky();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var h = Matrix<double>.Build.Dense(n, 2, (i, j) => j == 0 ? 1 : mc[i]);
        var yv = Vector<double>.Build.DenseOfArray(y);
        var kInvH = cholesky.Solve(h);
        var beta = (h.TransposeThisAndMultiply(kInvH)).Solve(h.TransposeThisAndMultiply(cholesky.Solve(yv)));
        var residual = yv - (h * beta);
        var alpha = cholesky.Solve(residual);
        var logDet = 0.0;
        for (var i = 0; i < n; i++)
        {
            logDet += Math.Log(cholesky.Factor[i, i]);
        }

        var logLikelihood = (-0.5 * residual.DotProduct(alpha)) - logDet - (0.5 * n * Math.Log(2 * Math.PI));
        return double.IsFinite(logLikelihood) ? new Solution([beta[0], beta[1]], alpha, cholesky.Factor, logLikelihood) : null;
    }

    // Log-space parameters to settings, or null outside sane bounds (the search then sees a wall).
    private static GaussianProcessSettings? Bounded(Vector<double> theta)
    {
        var values = theta.Select(Math.Exp).ToArray();
        return values[0] is > 1e-4 and < 100 && values[1] is > 0.01 and < 100 && values[2] is > 0.01 and < 100 && values[3] is > 1e-3 and < 10
            ? new GaussianProcessSettings(values[0], values[1], values[2], values[3])
            : null;
    }

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
    }

    /// <summary>Squared composition and temperature distances between training inputs, computed once per fit.</summary>
    private sealed record PairwiseDistances(double[,] Composition, double[,] Temperature)
    {
        public static PairwiseDistances Of(double[][] inputs)
        {
            var n = inputs.Length;
            var composition = new double[n, n];
            var temperature = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var sum = 0.0;
                    for (var e = 0; e < Palette.Count; e++)
                    {
                        var d = inputs[i][e] - inputs[j][e];
                        sum += d * d;
                    }

                    var dt = inputs[i][Palette.Count] - inputs[j][Palette.Count];
                    composition[i, j] = sum;
                    temperature[i, j] = dt * dt;
                }
            }

            return new PairwiseDistances(composition, temperature);
        }
    }

    private sealed record Solution(double[] Beta, Vector<double> Alpha, Matrix<double> Cholesky, double LogLikelihood);
}

/// <summary>The kernel settings of a <see cref="PhysicsPriorGaussianProcess"/>.</summary>
/// <param name="SignalDeviation">s: how far (GPa) the measurements may depart from the physics trend.</param>
/// <param name="CompositionLengthScale">ℓ_f: the composition distance (fraction units) over which departures stay correlated.</param>
/// <param name="TemperatureLengthScale">ℓ_T: the same in temperature, in units of 1000 K.</param>
/// <param name="NoiseDeviation">σ_n: the measurement scatter (GPa) between repeated tests of one alloy.</param>
public sealed record GaussianProcessSettings(double SignalDeviation, double CompositionLengthScale, double TemperatureLengthScale, double NoiseDeviation)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless every setting is finite and positive.</summary>
    public void Validate()
    {
        foreach (var (value, name) in new[] { (SignalDeviation, nameof(SignalDeviation)), (CompositionLengthScale, nameof(CompositionLengthScale)), (TemperatureLengthScale, nameof(TemperatureLengthScale)), (NoiseDeviation, nameof(NoiseDeviation)) })
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive.");
            }
        }
    }
}
