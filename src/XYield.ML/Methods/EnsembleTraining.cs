using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Training;

namespace XYield.ML.Methods;

/// <summary>The K members of an ensemble (<see cref="YieldCnnTrainerOptions.EnsembleSize"/>), all fine-tuned from one fit's pre-trained network.</summary>
internal static class EnsembleTraining
{
    // K members from one pre-trained network on the fit's target rows: member k has the fit's seed + k and, with Bootstrap,
    // rows drawn with replacement by seed + k.
    public static TrainedYieldModel[] TrainMembers(MethodFit fit)
    {
        var o = fit.Options;
        var target = fit.Target;
        var training = fit.Training;
        var members = new List<TrainedYieldModel>(o.EnsembleSize);
        try
        {
            var first = o.EnsembleResampling == EnsembleResampling.Bootstrap ? fit.Member(Resample(target, training.Seed), training) : fit;
            members.Add(o.Method.Train(first));
            // A bootstrap first member ran the search on its resample: its table is the fit's.
            fit.RoundsSearchResult ??= first.RoundsSearchResult;
            fit.BiRptSearchResult ??= first.BiRptSearchResult;
            for (var k = 1; k < o.EnsembleSize; k++)
            {
                var seed = unchecked(training.Seed + k);
                o.Log?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{YieldCnnTrainer.ComponentName}: ensemble member {k + 1}/{o.EnsembleSize}, seed {seed}."));
                var rows = o.EnsembleResampling == EnsembleResampling.Bootstrap ? Resample(target, seed) : target;
                members.Add(o.Method.Train(fit.Member(rows, training with { Seed = seed })));
            }

            return [.. members];
        }
        catch
        {
            members.ForEach(m => m.Dispose());
            throw;
        }
    }

    private static TrainingSet Resample(TrainingSet target, int seed)
    {
        var random = new Random(seed);
        return target.Subset(Enumerable.Range(0, target.Count).Select(_ => random.Next(target.Count)).ToArray());
    }
}
