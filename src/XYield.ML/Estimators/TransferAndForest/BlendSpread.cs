using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace XYield.ML.Estimators;

/// <summary>
/// The mean and standard deviation of <see cref="TransferAndForestTransformer"/>: μ = (a + b)/2 of the CNN's a and the
/// forest's b, and σ = √(α² + (β·r)²) with the raw spread r = √(σ_cnn² + ((a − b)/2)²): the halves' disagreement (the
/// spread of a two-member ensemble) and a CNN ensemble's own spread σ_cnn (0 for one network). α, the error no
/// disagreement shows, and β, how much the disagreement says, are fitted by maximum likelihood to errors on held-out alloys.
/// </summary>
/// <param name="Floor">α in GPa: the standard deviation where the halves agree.</param>
/// <param name="Scale">β: the factor on the raw spread.</param>
internal readonly record struct BlendSpread(double Floor, double Scale)
{
    public static double Mean(double transfer, double forest) => (transfer + forest) / 2;

    public static double Raw(double transfer, double forest, double cnnSpread)
    {
        var half = (transfer - forest) / 2;
        return Math.Sqrt((cnnSpread * cnnSpread) + (half * half));
    }

    public double StandardDeviation(double raw) => Math.Sqrt((Floor * Floor) + (Scale * Scale * raw * raw));

    public double StandardDeviation(double transfer, double forest, double cnnSpread) => StandardDeviation(Raw(transfer, forest, cnnSpread));

    /// <summary>The mean Gaussian negative log-likelihood of <paramref name="errors"/> with standard deviations from <paramref name="raw"/>.</summary>
    public double MeanNegativeLogLikelihood(IReadOnlyList<double> errors, IReadOnlyList<double> raw)
    {
        var total = 0.0;
        for (var i = 0; i < errors.Count; i++)
        {
            var variance = Math.Pow(StandardDeviation(raw[i]), 2);
            total += 0.5 * (Math.Log(2 * Math.PI * variance) + (errors[i] * errors[i] / variance));
        }

        return total / errors.Count;
    }

    /// <summary>
    /// The α ≥ <paramref name="minimumFloor"/> and β ≥ 0 that maximise the likelihood of held-out <paramref name="errors"/>
    /// given their raw spreads (Nelder–Mead in log space from the two one-parameter answers: all α, all β).
    /// </summary>
    public static BlendSpread Fit(IReadOnlyList<double> errors, IReadOnlyList<double> raw, double minimumFloor)
    {
        var meanSquare = errors.Average(e => e * e);
        // One parameter each: σ = α alone gives α² = mean e²; σ = β·r alone gives β² = mean (e/r)².
        var alone = Math.Sqrt(meanSquare);
        var scaled = Math.Sqrt(errors.Select((e, i) => e * e / Math.Max(raw[i] * raw[i], minimumFloor * minimumFloor)).Average());
        BlendSpread Of(Vector<double> p) => new(minimumFloor + Math.Exp(p[0]), Math.Exp(p[1]));
        var objective = ObjectiveFunction.Value(p => Of(p).MeanNegativeLogLikelihood(errors, raw));
        var best = new BlendSpread(Math.Max(alone, minimumFloor), 0);
        var bestValue = best.MeanNegativeLogLikelihood(errors, raw);
        foreach (var (a, b) in new[] { (alone, scaled * 1e-3), (minimumFloor * 1e-3, scaled), (alone / 2, scaled / 2) })
        {
            var start = Vector<double>.Build.DenseOfArray([Math.Log(Math.Max(a - minimumFloor, minimumFloor * 1e-3)), Math.Log(Math.Max(b, 1e-9))]);
            try
            {
                var result = new NelderMeadSimplex(1e-9, 2_000).FindMinimum(objective, start);
                if (result.FunctionInfoAtMinimum.Value < bestValue)
                {
                    (best, bestValue) = (Of(result.MinimizingPoint), result.FunctionInfoAtMinimum.Value);
                }
            }
            catch (MaximumIterationsException)
            {
                // Keep the best answer found so far; the one-parameter start is always a valid answer.
            }
        }

        return best;
    }
}
