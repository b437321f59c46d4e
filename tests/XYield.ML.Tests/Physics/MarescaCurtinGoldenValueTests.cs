using XYield.ML.Physics;

namespace XYield.ML.Tests.Physics;

/// <summary>
/// Golden values of the simulator, to the printed precision: computed by an independent reference implementation of the
/// same two-branch Maresca–Curtin model (Maresca &amp; Curtin, Acta Mater. 182 (2020) 235–249) with the same elemental data.
/// </summary>
[TestFixture]
public sealed class MarescaCurtinGoldenValueTests
{
    private static readonly MarescaCurtinModel Model = new();

    private static double[] MoNbTaTi => Alloys.Equiatomic("Mo", "Nb", "Ta", "Ti");

    private static double[] MoNbTaTiW => Alloys.Equiatomic("Mo", "Nb", "Ta", "Ti", "W");

    private static double[] HfMoNbTaTiZr => Alloys.Equiatomic("Hf", "Mo", "Nb", "Ta", "Ti", "Zr");

    private static double[] MoNbTaW => Alloys.Equiatomic("Mo", "Nb", "Ta", "W");

    private static double[] CrMoV => Alloys.Of(("Cr", 33), ("Mo", 33), ("V", 34));

    private static double[] Eleven => Alloys.Of(("Al", 5), ("Cr", 15), ("Fe", 5), ("Hf", 10), ("Mo", 15), ("Nb", 10), ("Ta", 10), ("Ti", 10), ("V", 5), ("W", 10), ("Zr", 5));

    private static double[] AlNbTi => Alloys.Of(("Al", 10), ("Nb", 40), ("Ti", 50));

    // alloy, V̄, S, b, μ, ν, τ_y0, ΔE_b
    private static IEnumerable<TestCaseData> Intermediates()
    {
        yield return new TestCaseData(MoNbTaTi, 17.3035, 1.00343, 2.82218, 71.204, 0.3297, 256.80, 1.7318).SetName("MoNbTaTi intermediates");
        yield return new TestCaseData(MoNbTaTiW, 17.0138, 1.13845, 2.80635, 88.949, 0.3147, 341.31, 2.1941).SetName("MoNbTaTiW intermediates");
        yield return new TestCaseData(HfMoNbTaTiZr, 19.1395, 7.48298, 2.91866, 62.061, 0.3266, 739.91, 3.0357).SetName("HfMoNbTaTiZr intermediates");
        yield return new TestCaseData(MoNbTaW, 16.8508, 1.29013, 2.79735, 100.891, 0.3116, 422.30, 2.5744).SetName("MoNbTaW intermediates");
        yield return new TestCaseData(CrMoV, 13.8046, 2.11497, 2.61747, 98.133, 0.2786, 676.66, 2.6329).SetName("Cr33Mo33V34 intermediates");
        yield return new TestCaseData(Eleven, 16.5952, 10.95470, 2.78314, 83.850, 0.2954, 1421.76, 4.2410).SetName("11-element intermediates");
        yield return new TestCaseData(AlNbTi, 17.6831, 0.15132, 2.84267, 39.928, 0.3646, 44.06, 0.5489).SetName("Al10Nb40Ti50 intermediates");
        yield return new TestCaseData(Alloys.Of(("W", 1)), 15.8550, 0.0, 2.74113, 159.798, 0.2803, 0.0, 0.0).SetName("pure W intermediates");
    }

    // alloy, T, branch, σ_y
    private static IEnumerable<TestCaseData> Strengths()
    {
        yield return new TestCaseData(MoNbTaTi, 300.0, StrengthBranch.LowTemperature, 482.92).SetName("MoNbTaTi 300 K");
        yield return new TestCaseData(MoNbTaTi, 440.0, StrengthBranch.LowTemperature, 394.29).SetName("MoNbTaTi 440 K (below the switch)");
        yield return new TestCaseData(MoNbTaTi, 442.0, StrengthBranch.HighTemperature, 413.42).SetName("MoNbTaTi 442 K (above the switch)");
        yield return new TestCaseData(MoNbTaTi, 1273.15, StrengthBranch.HighTemperature, 123.03).SetName("MoNbTaTi 1273.15 K");
        yield return new TestCaseData(MoNbTaTiW, 300.0, StrengthBranch.LowTemperature, 700.94).SetName("MoNbTaTiW 300 K");
        yield return new TestCaseData(MoNbTaTiW, 1273.15, StrengthBranch.HighTemperature, 241.81).SetName("MoNbTaTiW 1273.15 K");
        yield return new TestCaseData(HfMoNbTaTiZr, 296.15, StrengthBranch.LowTemperature, 1670.64).SetName("HfMoNbTaTiZr 296.15 K");
        yield return new TestCaseData(HfMoNbTaTiZr, 1500.0, StrengthBranch.HighTemperature, 651.57).SetName("HfMoNbTaTiZr 1500 K");
        yield return new TestCaseData(MoNbTaW, 300.0, StrengthBranch.LowTemperature, 910.53).SetName("MoNbTaW 300 K");
        yield return new TestCaseData(MoNbTaW, 1000.0, StrengthBranch.HighTemperature, 485.65).SetName("MoNbTaW 1000 K");
        yield return new TestCaseData(CrMoV, 300.0, StrengthBranch.LowTemperature, 1468.12).SetName("Cr33Mo33V34 300 K");
        yield return new TestCaseData(CrMoV, 1500.0, StrengthBranch.HighTemperature, 492.33).SetName("Cr33Mo33V34 1500 K");
        yield return new TestCaseData(Eleven, 300.0, StrengthBranch.LowTemperature, 3432.07).SetName("11-element 300 K");
        yield return new TestCaseData(Eleven, 2500.0, StrengthBranch.HighTemperature, 984.06).SetName("11-element 2500 K");
        yield return new TestCaseData(AlNbTi, 300.0, StrengthBranch.HighTemperature, 33.99).SetName("Al10Nb40Ti50 300 K");
        yield return new TestCaseData(Alloys.Of(("W", 1)), 300.0, StrengthBranch.None, 0.0).SetName("pure W 300 K");
    }

    [TestCaseSource(nameof(Intermediates))]
    public void Alloy_parameters_match_the_spec(double[] fractions, double volume, double misfit, double burgers, double mu, double nu, double tau0, double energy)
    {
        var alloy = Model.ComputeAlloy(fractions);

        Assert.Multiple(() =>
        {
            Assert.That(alloy.MeanAtomicVolume, Is.EqualTo(volume).Within(Printed(volume, 4)), "V̄");
            Assert.That(alloy.MisfitVolumeVariance, Is.EqualTo(misfit).Within(Printed(misfit, 5)), "S");
            Assert.That(alloy.BurgersVector, Is.EqualTo(burgers).Within(Printed(burgers, 5)), "b");
            Assert.That(alloy.ShearModulus, Is.EqualTo(mu).Within(Printed(mu, 3)), "μ");
            Assert.That(alloy.PoissonRatio, Is.EqualTo(nu).Within(Printed(nu, 4)), "ν");
            Assert.That(alloy.ZeroTemperatureStrength, Is.EqualTo(tau0).Within(Printed(tau0, 2)), "τ_y0");
            Assert.That(alloy.EnergyBarrier, Is.EqualTo(energy).Within(Printed(energy, 4)), "ΔE_b");
        });
    }

    [TestCaseSource(nameof(Strengths))]
    public void Yield_strength_and_branch_match_the_spec(double[] fractions, double temperature, StrengthBranch branch, double sigma)
    {
        var result = Model.Evaluate(fractions, temperature);

        Assert.That(result.Branch, Is.EqualTo(branch));
        Assert.That(result.YieldStrength, Is.EqualTo(sigma).Within(Printed(sigma, 2)));
        Assert.That(result.YieldStrength, Is.EqualTo(Model.TaylorFactor * result.ShearStrength).Within(1e-9));
        Assert.That(Model.YieldStrength(fractions, temperature), Is.EqualTo(result.YieldStrength));
    }

    [Test]
    public void MoNbTaTi_mixed_elastic_constants_give_the_spec_bulk_modulus_and_poisson_ratio()
    {
        // §6b: C11 = 284.725, C12 = 135.625, C44 = 68.0075, B = 185.325 GPa.
        var mu = Math.Sqrt(68.0075 * (284.725 - 135.625) / 2);
        var nu = (3 * 185.325 - 2 * mu) / (2 * (3 * 185.325 + mu));

        var alloy = Model.ComputeAlloy(MoNbTaTi);

        Assert.That(alloy.ShearModulus, Is.EqualTo(mu).Within(1e-9));
        Assert.That(alloy.PoissonRatio, Is.EqualTo(nu).Within(1e-12));
    }

    [Test]
    public void Switch_temperature_of_MoNbTaTi_is_about_440_8_K_and_strength_jumps_up_there()
    {
        var alloy = Model.ComputeAlloy(MoNbTaTi);
        var switchTemperature = Math.Pow(0.5, 1.5) * alloy.EnergyBarrier / (MarescaCurtinOptions.BoltzmannConstant * Math.Log(1e7));

        Assert.That(switchTemperature, Is.EqualTo(440.8).Within(0.05));
        var below = Model.Evaluate(MoNbTaTi, switchTemperature - 1e-6);
        var above = Model.Evaluate(MoNbTaTi, switchTemperature + 1e-6);
        Assert.That(below.Branch, Is.EqualTo(StrengthBranch.LowTemperature));
        Assert.That(above.Branch, Is.EqualTo(StrengthBranch.HighTemperature));
        Assert.That(above.YieldStrength / below.YieldStrength, Is.EqualTo(Math.Exp(-Math.Pow(0.5, 1.5) / 0.55) / 0.5).Within(1e-6));
    }

    [Test]
    public void Zero_kelvin_gives_M_times_tau_y0()
    {
        var result = Model.Evaluate(MoNbTaW, 0);

        Assert.That(result.ThermalActivation, Is.Zero);
        Assert.That(result.Branch, Is.EqualTo(StrengthBranch.LowTemperature));
        Assert.That(result.YieldStrength, Is.EqualTo(3.067 * result.Alloy.ZeroTemperatureStrength).Within(1e-9));
    }

    [Test]
    public void Amounts_are_normalised_so_percentages_and_fractions_agree()
    {
        var percent = Model.Evaluate(CrMoV, 700);
        var fractions = Model.Evaluate(Alloys.Of(("Cr", 0.33), ("Mo", 0.33), ("V", 0.34)), 700);

        Assert.That(fractions.YieldStrength, Is.EqualTo(percent.YieldStrength).Within(1e-9));
    }

    [TestCase("Mo")]
    [TestCase("Al")]
    [TestCase("Zr")]
    public void Every_pure_element_has_zero_strength_at_every_temperature(string symbol)
    {
        foreach (var t in new[] { 0.0, 300, 2500 })
        {
            var result = Model.Evaluate(Alloys.Of((symbol, 3)), t);
            Assert.That(result.YieldStrength, Is.Zero);
            Assert.That(result.Alloy.EnergyBarrier, Is.Zero);
            Assert.That(result.Branch, Is.EqualTo(StrengthBranch.None));
        }
    }

    [Test]
    public void Slower_strain_rate_weakens_MoNbTaTi_at_1273_K_by_about_23_percent()
    {
        // §6d: ε̇ = 1e-4 instead of 1e-3 changes σ_y by −23 % for MoNbTaTi at 1273 K and by −5.7 % at 293 K.
        var reference = Model.Evaluate(MoNbTaTi, 1273.15).YieldStrength;
        var slow = Model.Evaluate(MoNbTaTi, 1273.15, 1e-4).YieldStrength;
        var slowModel = new MarescaCurtinModel(new MarescaCurtinOptions { StrainRate = 1e-4 });

        Assert.That(slow / reference - 1, Is.EqualTo(-0.23).Within(0.005));
        Assert.That(slowModel.YieldStrength(MoNbTaTi, 1273.15), Is.EqualTo(slow).Within(1e-9));
        Assert.That(Model.Evaluate(MoNbTaTi, 293.15, 1e-4).YieldStrength / Model.Evaluate(MoNbTaTi, 293.15).YieldStrength - 1, Is.EqualTo(-0.057).Within(0.0005));
    }

    [Test]
    public void Alpha_0_123_changes_MoNbTaTi_at_293_K_by_minus_7_7_percent()
    {
        var fcc = new MarescaCurtinModel(new MarescaCurtinOptions { LineTension = 0.123 });

        Assert.That(fcc.YieldStrength(MoNbTaTi, 293.15) / Model.YieldStrength(MoNbTaTi, 293.15) - 1, Is.EqualTo(-0.077).Within(0.0005));
    }

    private static double Printed(double value, int decimals) => 0.5 * Math.Pow(10, -decimals) + 1e-12 * Math.Abs(value);
}
