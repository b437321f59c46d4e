using XYield.ML.Models;

namespace XYield.ML.Training.CrossValidation;

/// <summary>
/// What the cross-validated epoch choice found: each fold's validation metric after every epoch of the stage it chose in
/// (<see cref="Stage"/>), their mean, and the chosen epoch (best mean; ties go to the later epoch, the nearer to the full
/// schedule).
/// </summary>
public sealed class EpochSelectionResult
{
    internal EpochSelectionResult(YieldTask task, string stage, IReadOnlyList<IReadOnlyList<double>> foldCurves, IReadOnlyList<IReadOnlyList<int>> validationRows)
    {
        Task = task;
        Stage = stage;
        FoldCurves = foldCurves;
        ValidationRows = validationRows;
        var epochs = foldCurves[0].Count;
        MeanCurve = Enumerable.Range(0, epochs).Select(e => foldCurves.Average(curve => curve[e])).ToArray();
        var sign = task == YieldTask.Regression ? 1 : -1;
        ChosenEpoch = Enumerable.Range(0, epochs).OrderBy(e => sign * MeanCurve[e]).ThenByDescending(e => e).First() + 1;
    }

    /// <summary>Regression (metric: MSE, lower is better) or classification (metric: accuracy, higher is better).</summary>
    public YieldTask Task { get; }

    /// <summary>
    /// The stage whose epoch was chosen, named as in <see cref="TrainingProgress.Stage"/>: "training" (No Pretraining),
    /// "fine-tuning", "bi-rpt", "mix-training" or "fine-tuning (IMP round N)" (the last transfer round).
    /// </summary>
    public string Stage { get; }

    /// <summary>"MSE (GPa²)" or "accuracy".</summary>
    public string MetricName => TargetFolds.MetricName(Task);

    /// <summary>Per fold, the metric on its held rows after epoch 1, 2, … <see cref="MaxEpoch"/> of <see cref="Stage"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> FoldCurves { get; }

    /// <summary>The mean over folds of <see cref="FoldCurves"/>, per epoch.</summary>
    public IReadOnlyList<double> MeanCurve { get; }

    /// <summary>The number of epochs every fold trained <see cref="Stage"/> for (its <see cref="StageOptions.MaxEpoch"/>; for an IMP round, <see cref="SparsityOptions.TransferRoundEpochs"/> when set).</summary>
    public int MaxEpoch => MeanCurve.Count;

    /// <summary>The 1-based epoch the final model stops at (<see cref="StageOptions.StopAfterEpoch"/>).</summary>
    public int ChosenEpoch { get; }

    /// <summary>The mean metric at <see cref="ChosenEpoch"/>.</summary>
    public double ChosenMean => MeanCurve[ChosenEpoch - 1];

    /// <summary>The mean metric after the last epoch: what training the full schedule would have scored in the same folds.</summary>
    public double FinalMean => MeanCurve[^1];

    /// <summary>The validation rows of each fold: indices into the target training part; disjoint, covering it once.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ValidationRows { get; }
}
