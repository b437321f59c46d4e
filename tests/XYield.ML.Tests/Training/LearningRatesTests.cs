using XYield.ML.Training;

namespace XYield.ML.Tests.Training;

public sealed class LearningRatesTests
{
    [Test]
    public void Step_schedule_divides_by_ten_every_thirty_epochs()
    {
        var stage = StageOptions.PaperFineTuning;

        Assert.That(LearningRates.At(stage, 0), Is.EqualTo(1e-3));
        Assert.That(LearningRates.At(stage, 29), Is.EqualTo(1e-3));
        Assert.That(LearningRates.At(stage, 30), Is.EqualTo(1e-4).Within(1e-15));
        Assert.That(LearningRates.At(stage, 89), Is.EqualTo(1e-5).Within(1e-15));
    }

    [Test]
    public void Cosine_annealing_runs_from_the_initial_rate_towards_zero_over_the_stage()
    {
        var stage = StageOptions.PaperPretraining;

        Assert.That(LearningRates.At(stage, 0), Is.EqualTo(1e-4));
        Assert.That(LearningRates.At(stage, 5), Is.EqualTo(0.5e-4).Within(1e-15));
        Assert.That(LearningRates.At(stage, 9), Is.EqualTo(1e-4 * 0.5 * (1 + Math.Cos(Math.PI * 0.9))).Within(1e-15));
    }

    [Test]
    public void Constant_schedule_keeps_the_rate() =>
        Assert.That(LearningRates.At(StageOptions.PaperFineTuning with { Schedule = LearningRateSchedule.Constant }, 80), Is.EqualTo(1e-3));

    [Test]
    public void Paper_defaults_are_the_x_yield_hyper_parameters()
    {
        Assert.That(StageOptions.PaperPretraining, Is.EqualTo(new StageOptions
        {
            MaxEpoch = 10, Optimizer = OptimizerKind.Adam, LearningRate = 1e-4, Schedule = LearningRateSchedule.CosineAnnealing, BatchSize = 16,
        }));
        var fineTuning = new StageOptions();
        Assert.That(
            (fineTuning.MaxEpoch, fineTuning.Optimizer, fineTuning.LearningRate, fineTuning.Schedule, fineTuning.StepSize, fineTuning.StepGamma, fineTuning.BatchSize),
            Is.EqualTo((90, OptimizerKind.Sgd, 1e-3, LearningRateSchedule.Step, 30, 0.1, 4)));
    }

    [Test]
    public void Invalid_stage_settings_name_the_member()
    {
        Assert.That(
            () => (StageOptions.PaperFineTuning with { BatchSize = 0 }).Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("BatchSize"));
        Assert.That(
            () => (StageOptions.PaperFineTuning with { LearningRate = double.NaN }).Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("LearningRate"));
    }
}
