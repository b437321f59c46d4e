namespace XYield.ML.Training;

/// <summary>A progress report from a training stage.</summary>
/// <param name="Stage">
/// The stage name: "pretraining", "pretraining (IMP round N)", "training" (No Pretraining), "fine-tuning", "fine-tuning (IMP
/// round N)", "mix-training" or "bi-rpt"; a cross-validation fold's reports carry a prefix such as "CV epoch, fold 1/5: ".
/// </param>
/// <param name="Epoch">The 1-based epoch.</param>
/// <param name="MaxEpoch">The number of epochs of the stage.</param>
/// <param name="Step">The 1-based step within the epoch.</param>
/// <param name="StepsPerEpoch">The number of steps per epoch.</param>
/// <param name="Loss">The mean training loss over the epoch so far.</param>
/// <param name="LearningRate">The learning rate of the epoch.</param>
/// <param name="SamplesPerSecond">Training samples processed per second since the stage began.</param>
/// <param name="Elapsed">Time since the stage began.</param>
/// <param name="EstimatedRemaining">Estimated time to the end of the stage at the current speed.</param>
/// <param name="Device">The device the stage runs on (e.g. "cpu", "cuda:0").</param>
public sealed record TrainingProgress(
    string Stage,
    int Epoch,
    int MaxEpoch,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double LearningRate,
    double SamplesPerSecond,
    TimeSpan Elapsed,
    TimeSpan EstimatedRemaining,
    string Device);
