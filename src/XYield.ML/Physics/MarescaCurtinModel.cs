using System.Globalization;
using System.Runtime.CompilerServices;
using XYield.ML.Chemistry;

namespace XYield.ML.Physics;

/// <summary>
/// The Maresca–Curtin solid-solution strength model for BCC edge dislocations (F. Maresca &amp; W.A. Curtin,
/// Acta Mater. 182 (2020) 235–249), in the reduced two-branch analytic form used to simulate the X-Yield
/// "low-quality" data (X. Chen et al., CPAL 2024): Vegard's-law misfit volumes and rule-of-mixtures elastic constants
/// give the zero-temperature strength τ_y0 and energy barrier ΔE_b; a low-temperature law 1 − x^(2/3) holds while it
/// stays ≥ 0.5, an exponential law exp(−x / 0.55) above, and σ_y = M · τ_y.
/// </summary>
/// <remarks>
/// Compositions are palette-ordered fraction vectors of length <see cref="Palette.Count"/>; they are normalised to
/// sum 1. Strengths are in MPa. The model is immutable and thread-safe. For many points, compute
/// <see cref="ComputeAlloy(ReadOnlySpan{double})"/> once per composition and call
/// <see cref="YieldStrengths(in AlloyParameters, ReadOnlySpan{double}, Span{double})"/> for its temperatures.
/// </remarks>
public sealed class MarescaCurtinModel
{
    /// <summary>The low-temperature law is used while τ_y/τ_y0 stays at or above this ratio.</summary>
    public const double BranchSwitchRatio = 0.5;

    /// <summary>The decay constant of the high-temperature law exp(−x/0.55).</summary>
    public const double HighTemperatureDecay = 0.55;

    private static readonly double HalfSqrt3 = Math.Sqrt(3) / 2;

    private readonly double[] _volume = new double[Palette.Count];
    private readonly double[] _c11 = new double[Palette.Count];
    private readonly double[] _c12 = new double[Palette.Count];
    private readonly double[] _c44 = new double[Palette.Count];
    private readonly double _strengthFactor;   // 1000 · prefactor · α^(−1/3), MPa per GPa
    private readonly double _energyFactor;     // prefactor · α^(1/3) / (GPa·Å³ per eV)
    private readonly double _logRateRatio;     // ln(ε̇₀/ε̇) for the default strain rate

    /// <summary>Creates the model with the normative X-Yield settings.</summary>
    public MarescaCurtinModel()
        : this(new MarescaCurtinOptions())
    {
    }

    /// <summary>Creates the model with <paramref name="options"/> (copied; later changes have no effect).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public MarescaCurtinModel(MarescaCurtinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        StrainRate = options.StrainRate;
        ReferenceStrainRate = options.ReferenceStrainRate;
        TaylorFactor = options.TaylorFactor;
        _strengthFactor = 1000 * options.StrengthPrefactor * Math.Pow(options.LineTension, -1.0 / 3);
        _energyFactor = options.EnergyBarrierPrefactor * Math.Cbrt(options.LineTension) / MarescaCurtinOptions.ElectronVoltInGpaCubicAngstrom;
        _logRateRatio = Math.Log(ReferenceStrainRate / StrainRate);
        for (var i = 0; i < Palette.Count; i++)
        {
            var element = MarescaCurtinElements.Get(i);
            _volume[i] = element.AtomicVolume;
            _c11[i] = element.C11;
            _c12[i] = element.C12;
            _c44[i] = element.C44;
        }
    }

    /// <summary>The default applied strain rate ε̇ in s⁻¹.</summary>
    public double StrainRate { get; }

    /// <summary>The reference strain rate ε̇₀ in s⁻¹.</summary>
    public double ReferenceStrainRate { get; }

    /// <summary>The Taylor factor M.</summary>
    public double TaylorFactor { get; }

    /// <summary>The alloy-level quantities (V̄, S, b, μ, ν, τ_y0, ΔE_b) of a palette-ordered composition.</summary>
    /// <param name="fractions">Palette-ordered amounts (fractions or any proportional amounts): finite, ≥ 0, sum &gt; 0.</param>
    /// <exception cref="ArgumentException">The vector has the wrong length, a negative or non-finite entry, or sums to 0.</exception>
    public AlloyParameters ComputeAlloy(ReadOnlySpan<double> fractions)
    {
        var total = ValidateFractions(fractions, nameof(fractions));
        Span<int> elements = stackalloc int[Palette.Count];
        Span<double> c = stackalloc double[Palette.Count];
        var count = 0;
        for (var i = 0; i < Palette.Count; i++)
        {
            if (fractions[i] > 0)
            {
                elements[count] = i;
                c[count++] = fractions[i] / total;
            }
        }

        return ComputeAlloy(elements[..count], c[..count]);
    }

    /// <summary>σ_y in MPa of a palette-ordered composition at <paramref name="temperature"/> K and the default strain rate.</summary>
    public double YieldStrength(ReadOnlySpan<double> fractions, double temperature)
    {
        ValidateTemperature(temperature, nameof(temperature));
        var alloy = ComputeAlloy(fractions);
        return YieldStrengthCore(alloy, temperature, ActivationPerKelvin(alloy, _logRateRatio));
    }

    /// <summary>σ_y in MPa of precomputed alloy parameters at <paramref name="temperature"/> K and the default strain rate.</summary>
    public double YieldStrength(in AlloyParameters alloy, double temperature)
    {
        ValidateTemperature(temperature, nameof(temperature));
        return YieldStrengthCore(alloy, temperature, ActivationPerKelvin(alloy, _logRateRatio));
    }

    /// <summary>The full result, with intermediates and branch, at the default strain rate.</summary>
    public MarescaCurtinResult Evaluate(ReadOnlySpan<double> fractions, double temperature) => Evaluate(fractions, temperature, StrainRate);

    /// <summary>The full result, with intermediates and branch, at <paramref name="strainRate"/> s⁻¹.</summary>
    /// <exception cref="ArgumentException">Invalid composition.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Temperature negative or non-finite; strain rate not in (0, ε̇₀).</exception>
    public MarescaCurtinResult Evaluate(ReadOnlySpan<double> fractions, double temperature, double strainRate)
    {
        ValidateTemperature(temperature, nameof(temperature));
        MarescaCurtinOptions.RequireStrainRate(strainRate, ReferenceStrainRate, nameof(strainRate));
        var alloy = ComputeAlloy(fractions);
        if (alloy.IsUnstrengthened)
        {
            return new MarescaCurtinResult(alloy, temperature, strainRate, 0, StrengthBranch.None, 0, 0);
        }

        var x = temperature * ActivationPerKelvin(alloy, Math.Log(ReferenceStrainRate / strainRate));
        var ratio = StrengthRatio(x, out var low);
        return new MarescaCurtinResult(alloy, temperature, strainRate, x,
            low ? StrengthBranch.LowTemperature : StrengthBranch.HighTemperature,
            alloy.ZeroTemperatureStrength * ratio, TaylorFactor * alloy.ZeroTemperatureStrength * ratio);
    }

    /// <summary>
    /// Batch form for one composition: σ_y in MPa at each of <paramref name="temperatures"/> (K), default strain rate.
    /// No allocation; the per-temperature cost is one cube root or one exponential.
    /// </summary>
    /// <exception cref="ArgumentException">The output and input lengths differ, or a temperature is invalid.</exception>
    public void YieldStrengths(in AlloyParameters alloy, ReadOnlySpan<double> temperatures, Span<double> yieldStrengths)
    {
        RequireLength(yieldStrengths.Length, temperatures.Length, nameof(yieldStrengths));
        for (var i = 0; i < temperatures.Length; i++)
        {
            ValidateTemperature(temperatures[i], nameof(temperatures), i);
        }

        YieldStrengthsUnchecked(alloy, temperatures, yieldStrengths);
    }

    /// <summary>
    /// Batch form for many points: row i of <paramref name="fractions"/> (row-major, <see cref="Palette.Count"/> per
    /// row) at <paramref name="temperatures"/>[i] gives <paramref name="yieldStrengths"/>[i] in MPa.
    /// </summary>
    /// <param name="fractions">Row-major compositions, <c>temperatures.Length × Palette.Count</c> values.</param>
    /// <param name="temperatures">One temperature (K) per row.</param>
    /// <param name="yieldStrengths">Receives σ_y in MPa, one per row.</param>
    /// <exception cref="ArgumentException">Lengths disagree; the message names the offending row for bad values.</exception>
    public void YieldStrengths(ReadOnlySpan<double> fractions, ReadOnlySpan<double> temperatures, Span<double> yieldStrengths)
    {
        RequireLength(fractions.Length, temperatures.Length * Palette.Count, nameof(fractions));
        RequireLength(yieldStrengths.Length, temperatures.Length, nameof(yieldStrengths));
        for (var row = 0; row < temperatures.Length; row++)
        {
            ValidateTemperature(temperatures[row], nameof(temperatures), row);
            AlloyParameters alloy;
            try
            {
                alloy = ComputeAlloy(fractions.Slice(row * Palette.Count, Palette.Count));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Row {row.ToString(CultureInfo.InvariantCulture)}: {e.Message}", nameof(fractions), e);
            }

            yieldStrengths[row] = YieldStrengthCore(alloy, temperatures[row], ActivationPerKelvin(alloy, _logRateRatio));
        }
    }

    /// <summary>Alloy parameters from already-normalised fractions <paramref name="c"/> of the palette elements <paramref name="elements"/>.</summary>
    internal AlloyParameters ComputeAlloy(ReadOnlySpan<int> elements, ReadOnlySpan<double> c)
    {
        double meanVolume = 0, c11 = 0, c12 = 0, c44 = 0;
        for (var j = 0; j < elements.Length; j++)
        {
            var e = elements[j];
            meanVolume += c[j] * _volume[e];
            c11 += c[j] * _c11[e];
            c12 += c[j] * _c12[e];
            c44 += c[j] * _c44[e];
        }

        double misfit = 0;
        for (var j = 0; j < elements.Length; j++)
        {
            var dv = _volume[elements[j]] - meanVolume;
            misfit += c[j] * dv * dv;
        }

        var twoVolume = 2 * meanVolume;
        var burgers = HalfSqrt3 * Math.Cbrt(twoVolume);
        var mu = Math.Sqrt(c44 * (c11 - c12) / 2);
        var bulk = (c11 + 2 * c12) / 3;
        var nu = (3 * bulk - 2 * mu) / (2 * (3 * bulk + mu));
        if (misfit <= 0)
        {
            // A pure element: no misfit, no strengthening; never divide by ΔE_b = 0 later.
            return new AlloyParameters(meanVolume, 0, burgers, mu, nu, 0, 0);
        }

        var q = (1 + nu) / (1 - nu);
        var b2 = burgers * burgers;
        var delta = misfit / (b2 * b2 * b2);
        var cbrtDelta = Math.Cbrt(delta);
        var cbrtQ = Math.Cbrt(q);
        var q23 = cbrtQ * cbrtQ;
        var tau0 = _strengthFactor * mu * q23 * q23 * cbrtDelta * cbrtDelta;
        var energy = _energyFactor * mu * b2 * burgers * q23 * cbrtDelta;
        return new AlloyParameters(meanVolume, misfit, burgers, mu, nu, tau0, energy);
    }

    /// <summary><see cref="YieldStrengths(in AlloyParameters, ReadOnlySpan{double}, Span{double})"/> without checks, for trusted temperatures.</summary>
    internal void YieldStrengthsUnchecked(in AlloyParameters alloy, ReadOnlySpan<double> temperatures, Span<double> yieldStrengths)
    {
        if (alloy.IsUnstrengthened)
        {
            yieldStrengths[..temperatures.Length].Clear();
            return;
        }

        var perKelvin = ActivationPerKelvin(alloy, _logRateRatio);
        var sigma0 = TaylorFactor * alloy.ZeroTemperatureStrength;
        for (var i = 0; i < temperatures.Length; i++)
        {
            yieldStrengths[i] = sigma0 * StrengthRatio(temperatures[i] * perKelvin, out _);
        }
    }

    /// <summary>
    /// The grid path: like <see cref="YieldStrengthsUnchecked"/> but with T^(2/3) precomputed per temperature, so the
    /// low-temperature law costs one multiplication, using x^(2/3) = T^(2/3)·(x/T)^(2/3). Results agree with the
    /// point-by-point path to about 1e-15 relative.
    /// </summary>
    internal void YieldStrengthsOnGrid(in AlloyParameters alloy, ReadOnlySpan<double> temperatures, ReadOnlySpan<double> temperaturesTwoThirds, Span<double> yieldStrengths)
    {
        if (alloy.IsUnstrengthened)
        {
            yieldStrengths[..temperatures.Length].Clear();
            return;
        }

        var perKelvin = ActivationPerKelvin(alloy, _logRateRatio);
        var cbrtPerKelvin = Math.Cbrt(perKelvin);
        var lowFactor = cbrtPerKelvin * cbrtPerKelvin;
        var highFactor = -perKelvin / HighTemperatureDecay;
        var sigma0 = TaylorFactor * alloy.ZeroTemperatureStrength;
        for (var i = 0; i < temperatures.Length; i++)
        {
            var low = 1 - temperaturesTwoThirds[i] * lowFactor;
            yieldStrengths[i] = low >= BranchSwitchRatio ? sigma0 * low : sigma0 * Math.Exp(temperatures[i] * highFactor);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double YieldStrengthCore(in AlloyParameters alloy, double temperature, double perKelvin) =>
        alloy.IsUnstrengthened ? 0 : TaylorFactor * alloy.ZeroTemperatureStrength * StrengthRatio(temperature * perKelvin, out _);

    private static double ActivationPerKelvin(in AlloyParameters alloy, double logRateRatio) =>
        alloy.EnergyBarrier > 0 ? MarescaCurtinOptions.BoltzmannConstant * logRateRatio / alloy.EnergyBarrier : 0;

    /// <summary>τ_y/τ_y0 for thermal activation <paramref name="x"/>: low-T law while it gives ≥ 0.5, else high-T law (§2.3; the jump is intended).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StrengthRatio(double x, out bool lowTemperature)
    {
        if (x < 1)
        {
            var cbrtX = Math.Cbrt(x);
            var low = 1 - cbrtX * cbrtX;
            if (low >= BranchSwitchRatio)
            {
                lowTemperature = true;
                return low;
            }
        }

        lowTemperature = false;
        return Math.Exp(-x / HighTemperatureDecay);
    }

    private static double ValidateFractions(ReadOnlySpan<double> fractions, string name)
    {
        if (fractions.Length != Palette.Count)
        {
            throw new ArgumentException(
                $"A composition needs {Palette.Count} palette-ordered fractions ({string.Join(',', Palette.Symbols)}), got {fractions.Length}.", name);
        }

        double total = 0;
        for (var i = 0; i < Palette.Count; i++)
        {
            var f = fractions[i];
            if (!double.IsFinite(f) || f < 0)
            {
                throw new ArgumentException(
                    $"The fraction of {Palette.Symbols[i]} is {f.ToString("R", CultureInfo.InvariantCulture)}; fractions must be finite and ≥ 0.", name);
            }

            total += f;
        }

        if (total <= 0)
        {
            throw new ArgumentException("The fractions sum to 0; a composition needs at least one element with a positive fraction.", name);
        }

        return total;
    }

    private static void ValidateTemperature(double temperature, string name, int index = -1)
    {
        if (!double.IsFinite(temperature) || temperature < 0)
        {
            var where = index < 0 ? string.Empty : $" at index {index.ToString(CultureInfo.InvariantCulture)}";
            throw new ArgumentOutOfRangeException(name, temperature, $"The temperature{where} must be finite and ≥ 0 K.");
        }
    }

    private static void RequireLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual.ToString(CultureInfo.InvariantCulture)}, expected {expected.ToString(CultureInfo.InvariantCulture)}.", name);
        }
    }
}
