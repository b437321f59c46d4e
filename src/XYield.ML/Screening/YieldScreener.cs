using System.Diagnostics;
using Microsoft.ML;
using XYield.ML.Chemistry;
using XYield.ML.Domain;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Physics;
using XYield.ML.Transforms;

namespace XYield.ML.Screening;

/// <summary>
/// Screens a <see cref="CandidateSpace"/> with one trained regression pipeline, or several (an ensemble: the mean and
/// standard deviation of their predictions), and keeps the best candidates by a <see cref="ScreeningCriterion"/>.
/// Candidates stream through: featurised into a batch buffer, scored on the models' device a batch at a time, and only
/// the current top k are kept, so memory does not grow with the space.
/// </summary>
/// <remarks>
/// The Maresca–Curtin estimate and the applicability-domain flag (from the first pipeline's
/// <see cref="ApplicabilityDomainTransformer"/>, when it has one) are computed for the kept candidates only. Cancelling
/// returns the best of what was scored, marked <see cref="ScreeningResult.Cancelled"/>.
/// <code>
/// var model = mlContext.Model.LoadYieldModel("model.zip", out _);
/// var space = new CandidateSpace { Elements = ["Mo", "Nb", "Ta", "W", "V", "Cr"], MaxElements = 4, Temperatures = [1500] };
/// using var screener = new YieldScreener([model]);
/// var best = screener.Screen(space, new ScreeningOptions { Top = 10 });
/// </code>
/// </remarks>
public sealed class YieldScreener : IDisposable
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);
    private readonly PipelineScorer[] _pipelines;
    private readonly ApplicabilityDomain? _domain;

    /// <summary>Prepares the screener; the pipelines stay owned by the caller.</summary>
    /// <param name="models">
    /// One or more XYield.ML regression pipelines (featurisers and a yield-strength CNN, or the recommended
    /// <c>YieldTransferAndForest</c> model), e.g. from <c>LoadYieldModel</c>. Each gives a mean and, when it has one, a
    /// variance (an ensemble's calibrated spread, the recommended model's); several pipelines combine as the law of total
    /// variance has it: the mean of their means, σ² = the mean of their own variances (0 for a single network) plus the
    /// sample variance of their means.
    /// </param>
    /// <param name="device">
    /// Where to score: "cpu" (default), "cuda", "cuda:N" or "auto" (CUDA when the app references a CUDA TorchSharp backend
    /// and a GPU is present). Off the CPU each network is copied to the device; dispose the screener to free the copies.
    /// </param>
    /// <exception cref="ArgumentException">No model, or a model without a pseudo-image featuriser or a regression CNN.</exception>
    /// <exception cref="Runtime.DeviceUnavailableException">The device cannot be used on this machine.</exception>
    public YieldScreener(IReadOnlyList<ITransformer> models, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            throw new ArgumentException("Screening needs at least one model.", nameof(models));
        }

        var pipelines = new List<PipelineScorer>();
        try
        {
            for (var i = 0; i < models.Count; i++)
            {
                pipelines.Add(PipelineScorer.Of(models[i], i, device));
            }
        }
        catch
        {
            // A later model that fails (a classification model, a device out of memory) releases the copies already made.
            pipelines.ForEach(p => p.Dispose());
            throw;
        }

        _pipelines = [.. pipelines];
        _domain = XYieldModelCatalog.Parts(models[0]).OfType<ApplicabilityDomainTransformer>().FirstOrDefault()?.Domain;
    }

    /// <summary>
    /// Counts the space and times one batch of its first candidates, to say how long <see cref="Screen"/> will take before
    /// it starts (a small space is counted exactly; the time is an estimate at this machine's throughput).
    /// </summary>
    /// <param name="space">The candidates.</param>
    /// <param name="options">The batch size used; null for the defaults.</param>
    public ScreeningEstimate Estimate(CandidateSpace space, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        options ??= new ScreeningOptions();
        Check(options);
        var total = space.Count();
        var batch = new CandidateBatch(options.BatchSize, space.Temperatures.Count);
        double rate = 0;
        for (var round = 0; round < 2; round++)
        {
            // The first round warms up (native kernels, JIT); the second is timed.
            batch.Clear();
            foreach (var alloy in space.Alloys())
            {
                batch.Add(alloy, space.Temperatures);
                if (batch.IsFull)
                {
                    break;
                }
            }

            var clock = Stopwatch.StartNew();
            var count = Score(batch, new TopCandidates(1), ScreeningCriterion.Mean);
            rate = count / Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
        }

        return new ScreeningEstimate(total, rate);
    }

    /// <summary>
    /// Predicts given points (not a space): the ensemble mean and spread, the Maresca–Curtin estimate and the domain
    /// assessment of each, in input order, scored in batches.
    /// </summary>
    /// <param name="points">Palette fractions (11 values) and temperature in K of each point.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="cancellation">Checked between batches.</param>
    public IReadOnlyList<ScoredPoint> ScorePoints(IReadOnlyList<(float[] Fractions, double Kelvin)> points, int batchSize = 1024, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var physics = new MarescaCurtinModel();
        var result = new List<ScoredPoint>(points.Count);
        var batch = new CandidateBatch(batchSize, 1);
        var fractions = new double[Palette.Count];
        for (var start = 0; start < points.Count; start += batch.Capacity)
        {
            cancellation.ThrowIfCancellationRequested();
            batch.Clear();
            var end = Math.Min(points.Count, start + batch.Capacity);
            for (var i = start; i < end; i++)
            {
                batch.Add(points[i].Fractions, [points[i].Kelvin]);
            }

            var (means, deviations) = Predict(batch);
            for (var i = start; i < end; i++)
            {
                var (f, kelvin) = points[i];
                for (var e = 0; e < Palette.Count; e++)
                {
                    fractions[e] = Math.Round((double)f[e], 6);
                }

                result.Add(new ScoredPoint(means[i - start], deviations[i - start], physics.YieldStrength(fractions, kelvin) / 1000, _domain?.Assess(f, kelvin)));
            }
        }

        return result;
    }

    /// <summary>Releases the networks copied to a device other than the CPU.</summary>
    public void Dispose()
    {
        foreach (var pipeline in _pipelines)
        {
            pipeline.Dispose();
        }
    }

    /// <summary>
    /// Whether predictions have a standard deviation: several models, an ensemble model (its members' spread times its
    /// calibrated scale) or the recommended model (its calibrated spread).
    /// </summary>
    public bool HasUncertainty => _pipelines.Length > 1 || _pipelines[0].HasVariance;

    /// <summary>Scores every candidate of <paramref name="space"/> and returns the best.</summary>
    /// <param name="space">The candidates.</param>
    /// <param name="options">Ranking, size of the table, batch size, progress; null for the defaults.</param>
    /// <param name="cancellation">Stops between batches; the result then holds the best of what was scored.</param>
    /// <exception cref="ArgumentException">Invalid space or options, or a criterion that needs an uncertainty with a single model.</exception>
    public ScreeningResult Screen(CandidateSpace space, ScreeningOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        options ??= new ScreeningOptions();
        Check(options);
        space.Validate();

        var total = space.Count(cancellation);
        var clock = Stopwatch.StartNew();
        var top = new TopCandidates(options.Top);
        var batch = new CandidateBatch(options.BatchSize, space.Temperatures.Count);
        long evaluated = 0;
        var lastReport = TimeSpan.Zero;
        var cancelled = false;
        try
        {
            foreach (var alloy in space.Alloys(cancellation))
            {
                batch.Add(alloy, space.Temperatures);
                if (batch.IsFull)
                {
                    evaluated += Score(batch, top, options.Criterion);
                    cancellation.ThrowIfCancellationRequested();
                    if (options.Progress is { } progress && clock.Elapsed - lastReport >= ProgressInterval)
                    {
                        lastReport = clock.Elapsed;
                        progress.Report(new ScreeningProgress(evaluated, total, clock.Elapsed, evaluated / clock.Elapsed.TotalSeconds));
                    }
                }
            }

            evaluated += Score(batch, top, options.Criterion);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            cancelled = true;
        }

        options.Progress?.Report(new ScreeningProgress(evaluated, total, clock.Elapsed, evaluated / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        return new ScreeningResult(Describe(top), evaluated, total, options.Criterion, cancelled, clock.Elapsed);
    }

    private void Check(ScreeningOptions options)
    {
        options.Validate();
        if (options.Criterion.NeedsUncertainty && !HasUncertainty)
        {
            throw new ArgumentException($"The criterion '{options.Criterion}' needs a predictive uncertainty: screen with an ensemble model, the recommended model (pt-forest+mc) or several models, or rank by mean.");
        }
    }

    // Scores the batch with every member, offers each candidate to the top list, and empties the batch.
    private long Score(CandidateBatch batch, TopCandidates top, ScreeningCriterion criterion)
    {
        var count = batch.Count;
        if (count == 0)
        {
            return 0;
        }

        var (means, deviations) = Predict(batch);
        for (var i = 0; i < count; i++)
        {
            top.Offer(criterion.Score(means[i], deviations[i]), means[i], deviations[i], batch.Fractions(i), batch.Kelvin(i));
        }

        batch.Clear();
        return count;
    }

    // The pipelines' mean, and σ² = the mean of their own variances plus the sample variance of their means (the spread
    // between models, estimated without bias); NaN for one pipeline without a variance of its own.
    private (double[] Mean, double[] StandardDeviation) Predict(CandidateBatch batch)
    {
        var count = batch.Count;
        var predictions = _pipelines.Select(p => p.Predict(batch)).ToArray();
        var k = predictions.Length;
        var means = new double[count];
        var deviations = new double[count];
        for (var i = 0; i < count; i++)
        {
            var mean = 0.0;
            var own = 0.0;
            foreach (var (m, v) in predictions)
            {
                mean += m[i] / k;
                own += double.IsNaN(v[i]) ? 0 : v[i] / k;
            }

            var spread = k > 1 ? predictions.Sum(p => (p.Mean[i] - mean) * (p.Mean[i] - mean)) / (k - 1) : 0;
            means[i] = mean;
            deviations[i] = HasUncertainty ? Math.Sqrt(own + spread) : double.NaN;
        }

        return (means, deviations);
    }

    private List<ScreenedCandidate> Describe(TopCandidates top)
    {
        var physics = new MarescaCurtinModel();
        return top.Best().Select((c, i) =>
        {
            // The fractions are multiples of the step held in single precision: round off the float noise (0.8999999…).
            var composition = Composition.FromPaletteFractions(c.Fractions.Select(v => Math.Round((double)v, 6)).ToArray());
            var mc = physics.YieldStrength(composition.ToPaletteFractions(), c.Kelvin) / 1000;
            var domain = _domain?.Assess(c.Fractions, c.Kelvin);
            return new ScreenedCandidate(i + 1, composition.ToString(), c.Kelvin, c.Mean, c.StandardDeviation, c.Score, mc, domain?.InDomain, domain?.Note ?? "");
        }).ToList();
    }

}
