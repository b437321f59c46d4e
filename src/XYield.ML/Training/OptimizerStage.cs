using TorchSharp;
using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>
/// A stage trained by one torch optimiser (SGD or Adam) on a loss: No Pretraining, pre-training, fine-tuning, Mix Training
/// and every IMP round. The learning rate follows <see cref="StageOptions.Schedule"/>.
/// </summary>
internal sealed class OptimizerStage : TrainingStage
{
    private readonly StageOptions _stage;
    private readonly optim.Optimizer _optimizer;
    private readonly Func<int, (Tensor Loss, int Samples)> _lossOfStep;
    private readonly Action _beginEpoch;
    private readonly Action? _afterStep;
    private readonly Func<PrunableLayer, Tensor>? _weightOf;

    /// <param name="model">The network whose parameters the optimiser updates.</param>
    /// <param name="stage">Optimiser, learning rate and schedule.</param>
    /// <param name="stepsPerEpoch">Steps per epoch.</param>
    /// <param name="beginEpoch">Runs at the start of every epoch (reshuffles the batches).</param>
    /// <param name="lossOfStep">A step's loss and the samples it used.</param>
    /// <param name="afterStep">Runs after every optimiser step (e.g. re-applies hard masks); null for nothing.</param>
    /// <param name="weightOf">The (masked) weights the loss uses, so predictions between epochs use them too; null for plain.</param>
    public OptimizerStage(
        YieldCnn model,
        StageOptions stage,
        int stepsPerEpoch,
        Action beginEpoch,
        Func<int, (Tensor Loss, int Samples)> lossOfStep,
        Action? afterStep = null,
        Func<PrunableLayer, Tensor>? weightOf = null)
    {
        _stage = stage;
        StepsPerEpoch = stepsPerEpoch;
        _beginEpoch = beginEpoch;
        _lossOfStep = lossOfStep;
        _afterStep = afterStep;
        _weightOf = weightOf;
        _optimizer = stage.Optimizer == OptimizerKind.Adam
            ? optim.Adam(model.parameters(), stage.LearningRate, weight_decay: stage.WeightDecay)
            : optim.SGD(model.parameters(), stage.LearningRate, stage.Momentum, weight_decay: stage.WeightDecay);
    }

    // One optimiser on one domain's batches; weightOf substitutes (masked) weights in the forward pass, afterStep runs after
    // every optimiser step (e.g. re-applies masks).
    public static void Run(
        string stageName, YieldCnn model, TrainingSet data, FitSettings fit, Func<PrunableLayer, Tensor>? weightOf = null, Action? afterStep = null)
    {
        using var batches = new BatchFeeder(data, fit.Stage.BatchSize, new Random(fit.Options.Seed), fit.Device);
        using var stage = new OptimizerStage(model, fit.Stage, batches.StepsPerEpoch, batches.Shuffle, step =>
        {
            var (images, labels) = batches.Batch(step);
            return (YieldLoss.Of(fit.Network.Task, model.forward(images, YieldHead.Target, weightOf), labels), (int)images.shape[0]);
        }, afterStep, weightOf);
        EpochLoop.Run(stageName, model, fit, stage);
    }

    /// <inheritdoc />
    public override int StepsPerEpoch { get; }

    /// <inheritdoc />
    public override Func<PrunableLayer, Tensor>? PredictionWeights => _weightOf;

    /// <inheritdoc />
    public override double BeginEpoch(int epoch)
    {
        var learningRate = LearningRates.At(_stage, epoch);
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        _beginEpoch();
        return learningRate;
    }

    /// <inheritdoc />
    public override (Tensor Loss, int Samples) Loss(int step)
    {
        _optimizer.zero_grad();
        return _lossOfStep(step);
    }

    /// <inheritdoc />
    public override void Update(Tensor loss)
    {
        loss.backward();
        _optimizer.step();
        _afterStep?.Invoke();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _optimizer.Dispose();
        }

        base.Dispose(disposing);
    }
}
