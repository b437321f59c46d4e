using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// Bi-RPT's steps in the epoch loop (Chen et al., CPAL 2024, Algorithm 2): every
/// <see cref="SparsityOptions.LowerLevelInterval"/> upper steps, <see cref="SparsityOptions.UnrollSteps"/> lower-level steps on
/// source batches; then the upper-level step on a target batch. ε decays every epoch (down to its floor); the upper learning
/// rate, and by default the lower one, follow the fine-tuning schedule; the proximal threshold is γ·λ_m or spends
/// <see cref="SparsityOptions.ShrinkBudget"/> evenly over the run's steps; source passes leave the batch-norm statistics the
/// target model is evaluated with untouched; at the end the gates are frozen into 0/1 masks.
/// </summary>
internal sealed class BiRptStage : TrainingStage
{
    private readonly BiRptStepper _stepper;
    private readonly BatchFeeder _sourceBatches;
    private readonly BatchFeeder _targetBatches;
    private readonly StageOptions _stage;
    private readonly SparsityOptions _sparsity;
    private long _upperSteps;
    private double _epsilon;
    private BiRptStepRates _rates;
    private Tensor? _sourceImages;
    private Tensor? _sourceLabels;

    /// <summary>The source batch when <see cref="SparsityOptions.SourceBatchSize"/> is null: the paper's pre-training batch.</summary>
    public static int DefaultSourceBatchSize => StageOptions.PaperPretraining.BatchSize;

    public BiRptStage(YieldCnn model, TrainingSet source, TrainingSet target, FitSettings fit, SparsityOptions sparsity)
    {
        _stage = fit.Stage;
        _sparsity = sparsity;
        _epsilon = sparsity.InitialEpsilon;
        _stepper = new BiRptStepper(model, sparsity);
        // One generator per domain: the target batches come in the order a fine-tune with this seed draws them, whatever
        // the source data's size.
        _targetBatches = new BatchFeeder(target, _stage.BatchSize, new Random(fit.Options.Seed), fit.Device);
        _sourceBatches = new BatchFeeder(source, sparsity.SourceBatchSize ?? DefaultSourceBatchSize, new Random(unchecked(fit.Options.Seed + 1)), fit.Device);
    }

    /// <summary>The lower level's learning rate in the current epoch.</summary>
    internal double LowerRate => _rates.Lower;

    /// <summary>The rates of the current epoch.</summary>
    internal BiRptStepRates Rates => _rates;

    /// <summary>The gate's ε in the current epoch.</summary>
    internal double Epsilon => _epsilon;

    /// <inheritdoc />
    public override int StepsPerEpoch => _targetBatches.StepsPerEpoch;

    /// <inheritdoc />
    public override string DivergenceAdvice => "lower the learning rates (fine-tuning, Bi-RPT's upper, lower and mask rates) or check the data";

    /// <summary>The upper level's gates at this epoch's ε: what the model predicts through between epochs.</summary>
    public override Func<PrunableLayer, Tensor>? PredictionWeights
    {
        get
        {
            var epsilon = _epsilon;
            return layer => _stepper.GatedWeight(layer, epsilon);
        }
    }

    /// <inheritdoc />
    public override double BeginEpoch(int epoch)
    {
        _epsilon = Math.Max(_sparsity.MinimumEpsilon, Gate.Epsilon(epoch, _sparsity.InitialEpsilon, _sparsity.EpsilonDecay));
        var schedule = LearningRates.At(_stage, epoch) / _stage.LearningRate;
        var lower = _sparsity.LowerLearningRateFollowsSchedule ? _sparsity.LowerLearningRate * schedule : _sparsity.LowerLearningRate;
        var mask = _sparsity.MaskLearningRateFollowsSchedule ? _sparsity.MaskLearningRate * schedule : _sparsity.MaskLearningRate;
        var threshold = _sparsity.ShrinkBudget is { } budget
            ? ProximalThreshold.PerStepThreshold(_sparsity.ThresholdForm, budget, _sparsity.InitialMaskScore, (long)_stage.MaxEpoch * StepsPerEpoch)
            : _sparsity.Gamma * mask;
        _rates = new BiRptStepRates(_sparsity.UpperLearningRate * schedule, lower, _sparsity.HyperGradientScale ?? lower, mask, threshold);
        _targetBatches.Shuffle();
        return _rates.Upper;
    }

    /// <summary>The lower-level steps when due, then the upper level's gated target loss.</summary>
    public override (Tensor Loss, int Samples) Loss(int step)
    {
        var samples = 0;
        _sourceImages = _sourceLabels = null;
        if (_upperSteps++ % _sparsity.LowerLevelInterval == 0)
        {
            for (var p = 0; p < _sparsity.UnrollSteps; p++)
            {
                (_sourceImages, _sourceLabels) = _sourceBatches.Next();
                _stepper.LowerStep(_sourceImages, _sourceLabels, _epsilon, _rates.Lower);
                samples += (int)_sourceImages.shape[0];
            }
        }

        var (targetImages, targetLabels) = _targetBatches.Batch(step);
        return (_stepper.UpperLoss(targetImages, targetLabels, _epsilon), samples + (int)targetImages.shape[0]);
    }

    /// <summary>
    /// The upper-level update of θ, m_s (with Eq. 10's term after a lower step) and m_t, then the proximal step, then (with a
    /// <see cref="SparsityOptions.TargetJointSparsity"/>) the cut to this step's share of the target.
    /// </summary>
    public override void Update(Tensor loss)
    {
        _stepper.UpperUpdate(loss, _sourceImages, _sourceLabels, _epsilon, _rates);
        if (_sparsity.TargetJointSparsity is { } target)
        {
            _stepper.CutToJointSparsity(target * TargetSparsity.Ramp(_upperSteps, (long)_stage.MaxEpoch * StepsPerEpoch, _sparsity.TargetSparsityRamp), _epsilon);
        }
    }

    /// <summary>Multiplies the last epoch's gates into the weights and stores the 0/1 masks.</summary>
    public override void Finish() => _stepper.Freeze(_epsilon);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stepper.Dispose();
            _sourceBatches.Dispose();
            _targetBatches.Dispose();
        }

        base.Dispose(disposing);
    }
}
