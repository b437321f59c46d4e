using XYield.ML.Chemistry;
using XYield.ML.Data.Experimental;
using XYield.ML.Physics;

namespace XYield.ML.Benchmark.Baselines;

/// <summary>The Maresca–Curtin estimate of experimental points, in GPa (the model works in MPa).</summary>
public static class MarescaCurtinEstimates
{
    private static readonly MarescaCurtinModel Model = new();

    /// <summary>σ_y of the point's composition at its test temperature, in GPa.</summary>
    public static double Of(ExperimentalPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Of(point.Composition, point.TemperatureKelvin);
    }

    /// <summary>σ_y of <paramref name="composition"/> at <paramref name="kelvin"/> K, in GPa.</summary>
    public static double Of(Composition composition, double kelvin)
    {
        ArgumentNullException.ThrowIfNull(composition);
        return Model.YieldStrength(composition.ToPaletteFractions(), kelvin) / 1000;
    }
}
