using System.Globalization;
using XYield.ML.Data.Splits;
using XYield.ML.Evaluation;
using XYield.ML.Models;

namespace XYield.ML.Training.CrossValidation;

/// <summary>
/// The K-fold cross-validation the coefficient searches share (Hand-Tune's rounds, Bi-RPT's coefficients): folds of the
/// target TRAINING part with <see cref="ExperimentalSplits"/>' assignment (rows of one group stay together), the metric a
/// validation fold is scored by, and progress labelled with the fold.
/// </summary>
internal static class TargetFolds
{
    /// <summary>Throws naming <paramref name="foldsName"/> or <paramref name="groupsName"/> when K or the groups do not fit the rows.</summary>
    public static void Validate(int folds, IReadOnlyList<string>? groups, int targetRows, string foldsName, string groupsName)
    {
        if (groups is not null && groups.Count != targetRows)
        {
            throw new ArgumentOutOfRangeException(groupsName, groups.Count, Format($"{groupsName} has {groups.Count} keys for {targetRows} target rows; expected one key per row."));
        }

        var units = groups is null ? targetRows : groups.Distinct(StringComparer.Ordinal).Count();
        if (folds < 2 || folds > units)
        {
            var what = groups is null ? "target training rows" : "groups among the target training rows";
            throw new ArgumentOutOfRangeException(foldsName, folds, Format($"{foldsName} must be between 2 and {units} for these {units} {what}."));
        }
    }

    /// <summary>The folds as sorted row indices.</summary>
    public static int[][] Assign(int rows, int folds, int seed, IReadOnlyList<string>? groups)
    {
        var units = groups is not null
            ? Enumerable.Range(0, rows).GroupBy(r => groups[r], StringComparer.Ordinal).Select(g => g.ToArray()).ToArray()
            : Enumerable.Range(0, rows).Select(r => new[] { r }).ToArray();
        return ExperimentalSplits.AssignFolds(units, folds, seed).Select(f => f.Order().ToArray()).ToArray();
    }

    /// <summary>The training rows of fold <paramref name="validation"/>: every other row.</summary>
    public static TrainingSet TrainingPart(TrainingSet target, int[] validation) =>
        target.Subset(Enumerable.Range(0, target.Count).Except(validation).ToArray());

    /// <summary>MSE for regression; accuracy of the most probable class for classification (as TrainedYieldModel.PredictClasses).</summary>
    public static double Metric(TrainingSet held, float[] predictions)
    {
        if (held.Task == YieldTask.Regression)
        {
            return Metrics.MeanSquaredError(predictions.Select(p => (double)p).ToArray(), held.Targets!.Select(y => (double)y).ToArray());
        }

        var classes = held.ClassCount;
        var predicted = Enumerable.Range(0, held.Count).Select(r => ArgMax.Of(predictions.AsSpan(r * classes, classes))).ToArray();
        return Metrics.Accuracy(predicted, held.Classes!.Select(c => (int)c).ToArray());
    }

    /// <summary>"MSE (GPa²)" or "accuracy".</summary>
    public static string MetricName(YieldTask task) => task == YieldTask.Regression ? "MSE (GPa²)" : "accuracy";

    /// <summary><paramref name="options"/> with every progress report's stage prefixed by <paramref name="label"/>.</summary>
    public static TrainingOptions Labelled(TrainingOptions options, string label) =>
        options with { Progress = options.Progress is { } p ? new StagePrefixProgress(p, label) : null };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Prefixes the stage name of every report, so a listener can tell the folds apart.</summary>
    private sealed class StagePrefixProgress(IProgress<TrainingProgress> inner, string prefix) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(value with { Stage = prefix + value.Stage });
    }
}
