namespace XYield.ML.Training;

/// <summary>The learning rate of a stage at a given epoch.</summary>
public static class LearningRates
{
    /// <summary>The learning rate for a 0-based epoch under the stage's schedule.</summary>
    /// <param name="stage">The stage settings (initial rate, schedule, epochs, step size and factor).</param>
    /// <param name="epoch">The 0-based epoch.</param>
    public static double At(StageOptions stage, int epoch)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return stage.Schedule switch
        {
            LearningRateSchedule.Constant => stage.LearningRate,
            // PyTorch's CosineAnnealingLR with T_max = MaxEpoch and eta_min = 0, stepped once per epoch.
            LearningRateSchedule.CosineAnnealing =>
                stage.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / stage.MaxEpoch)),
            LearningRateSchedule.Step => stage.LearningRate * Math.Pow(stage.StepGamma, epoch / stage.StepSize),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage.Schedule, "Unknown learning-rate schedule."),
        };
    }
}
