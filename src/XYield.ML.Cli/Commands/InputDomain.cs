using System.Globalization;
using XYield.ML.Chemistry;
using XYield.ML.Data.Experimental;
using XYield.ML.Data.Simulated;

namespace XYield.ML.Cli.Commands;

/// <summary>
/// Where <c>simulate</c> and <c>predict</c> answer as if fine, and where they warn or refuse (docs/input-domain.md):
/// a temperature must be finite and &gt; 0 K; outside the range a method was built on the answer is an extrapolation
/// and comes with a warning on standard error, so no out-of-domain number is printed silently.
/// </summary>
internal static class InputDomain
{
    /// <summary>The coldest test in the experimental data: 20 °C (<c>ExperimentalDataSet.MinimumTemperatureCelsius</c>).</summary>
    public const double ExperimentalMinKelvin = ExperimentalDataSet.MinimumTemperatureCelsius + 273.15;

    /// <summary>The hottest test in the experimental data: 1600 °C (BCC rows of MPEA_dataset.csv; a test pins it to <c>ExperimentalDataSet.Load()</c>).</summary>
    public const double ExperimentalMaxKelvin = 1873.15;

    /// <summary>The fewest elements of an experimental alloy (ternaries).</summary>
    public const int ExperimentalMinElements = 3;

    /// <summary>The most elements of an experimental alloy (senaries).</summary>
    public const int ExperimentalMaxElements = 6;

    /// <summary>The coldest temperature of the simulated grid, in K.</summary>
    public static double SimulatedMinKelvin { get; } = SimulatedGrid.Temperatures.Min();

    /// <summary>The hottest temperature of the simulated grid, in K.</summary>
    public static double SimulatedMaxKelvin { get; } = SimulatedGrid.Temperatures.Max();

    /// <summary>The temperature in <paramref name="text"/> (invariant culture), refused unless finite and &gt; 0 K; null when not given.</summary>
    /// <exception cref="ArgumentException">Not a number, not finite, or ≤ 0 K.</exception>
    public static double? Temperature(string option, string? text) =>
        OptionValues.Number(option, text, allowZero: false, "temperature in kelvin", "1273.15 or 1.3e3");

    /// <summary>Refuses a pure element: the Maresca–Curtin model is solute strengthening, which a pure metal has none of (it would print 0 GPa).</summary>
    /// <exception cref="ArgumentException">The composition has a single element.</exception>
    public static void RequireSimulatorAlloy(Composition composition)
    {
        if (composition.ElementCount < 2)
        {
            throw new ArgumentException(
                $"--alloy {composition.ToString(CompositionFormat.Compact)} is a pure element: the Maresca–Curtin model gives the solid-solution strengthening of alloys of 2 or more elements (a pure metal would get 0 GPa); give an alloy such as MoNbTaTiW.");
        }
    }

    /// <summary>Warnings for a simulator answer outside the simulated grid (orders and temperatures); empty inside it.</summary>
    public static IEnumerable<string> SimulatorWarnings(Composition composition, double kelvin)
    {
        if (kelvin < SimulatedMinKelvin || kelvin > SimulatedMaxKelvin)
        {
            yield return Format($"warning: {kelvin} K is outside the simulated grid's {SimulatedMinKelvin}–{SimulatedMaxKelvin} K; the printed Maresca–Curtin value is an extrapolation of the model.");
        }

        if (composition.ElementCount < SimulatedGrid.MinOrder || composition.ElementCount > SimulatedGrid.MaxOrder)
        {
            yield return Format($"warning: {composition.ElementCount} elements is outside the simulated grid's {SimulatedGrid.MinOrder}–{SimulatedGrid.MaxOrder}-element alloys.");
        }
    }

    /// <summary>Warnings for a model's answer outside the experimental data the models learn from; empty inside it.</summary>
    public static IEnumerable<string> ModelWarnings(Composition composition, double kelvin)
    {
        if (kelvin < ExperimentalMinKelvin || kelvin > ExperimentalMaxKelvin)
        {
            yield return Format($"warning: {kelvin} K is outside the experimental data's {ExperimentalMinKelvin}–{ExperimentalMaxKelvin} K; the model extrapolates there and its answer is unreliable.");
        }

        if (composition.ElementCount < ExperimentalMinElements || composition.ElementCount > ExperimentalMaxElements)
        {
            yield return Format($"warning: {composition.ElementCount} element(s) is outside the experimental data's {ExperimentalMinElements}–{ExperimentalMaxElements}-element alloys; the model extrapolates there and its answer is unreliable.");
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
