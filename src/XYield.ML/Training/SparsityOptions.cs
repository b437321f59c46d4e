using System.Text.Json.Serialization;
using XYield.ML.Models.Masking;

namespace XYield.ML.Training;

/// <summary>
/// Settings of the sparse methods (Chen et al., CPAL 2024, §4, Appendix A and B.1–B.2): iterative magnitude pruning for
/// Hand-Tune and its one-stage variants, and the bi-level coefficients of Bi-RPT. Defaults: 20 % pruning per round, N_s = 2, N_t = 1; Bi-RPT γ = 1e-4, λ_m = 3.5,
/// λ_l = λ_u = 1e-3. Every Bi-RPT constant of the algorithm is a member here; docs/training.md says which defaults deviate
/// from the paper and the cross-validated numbers behind them.
/// </summary>
public sealed record SparsityOptions
{
    private static readonly SparsityOptions Defaults = new();

    /// <summary>IMP: fraction of the remaining weights each round removes. Default: 0.2.</summary>
    public double PruningRate { get; init; } = 0.2;

    /// <summary>IMP: N_s, the pruning rounds during pre-training. Default: 2.</summary>
    public int PretrainingRounds { get; init; } = 2;

    /// <summary>IMP: N_t, the pruning rounds during fine-tuning (on the survivors of m_s). Default: 1.</summary>
    public int TransferRounds { get; init; } = 1;

    /// <summary>IMP: layer-wise (default) or global magnitude ranking.</summary>
    public PruningScope Scope { get; init; } = PruningScope.LayerWise;

    /// <summary>IMP: retraining epochs after each pre-training round; null uses the pre-training stage's MaxEpoch.</summary>
    public int? PretrainingRoundEpochs { get; init; }

    /// <summary>IMP: retraining epochs after each fine-tuning round; null uses the fine-tuning stage's MaxEpoch.</summary>
    public int? TransferRoundEpochs { get; init; }

    /// <summary>Bi-RPT: γ, the weight of the joint-mask sparsity penalty. Default: 1e-4.</summary>
    public double Gamma { get; init; } = 1e-4;

    /// <summary>Bi-RPT: λ_m, the learning rate of the mask scores. Default: 3.5.</summary>
    public double MaskLearningRate { get; init; } = 3.5;

    /// <summary>Bi-RPT: λ_l, the learning rate of the lower-level (source) weight steps. Default: 1e-3.</summary>
    public double LowerLearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Bi-RPT: whether λ_l follows the fine-tuning stage's schedule (÷10 every 30 epochs in the paper's settings) as λ_u does.
    /// Default: true, a deviation from the paper, whose λ_l stays constant: with a constant λ_l the last epochs are mostly
    /// source training through the shared head while the target steps have become ten and a hundred times smaller. False
    /// keeps the paper's constant rate.
    /// </summary>
    public bool LowerLearningRateFollowsSchedule { get; init; } = true;

    /// <summary>
    /// Bi-RPT: samples per lower-level (source) batch; null uses 16, the paper's pre-training batch (the ML.NET trainer uses
    /// its pre-training stage's batch). Default: null.
    /// </summary>
    public int? SourceBatchSize { get; init; }

    /// <summary>Bi-RPT: λ_u, the learning rate of the upper-level (target) weight steps, scaled by the fine-tuning schedule. Default: 1e-3.</summary>
    public double UpperLearningRate { get; init; } = 1e-3;

    /// <summary>Bi-RPT: p, the unrolled lower-level steps each time the lower level runs. Default: 1.</summary>
    public int UnrollSteps { get; init; } = 1;

    /// <summary>
    /// Bi-RPT: the lower level (and Eq. 10's term) runs every this many upper-level steps. Default: 10, as in the authors'
    /// code (the paper's Algorithm 2 runs it every step: 1). Cross-validated on the training parts it scored the same as the
    /// paper's setting, at a ninth of the cost (docs/training.md).
    /// </summary>
    public int LowerLevelInterval { get; init; } = 10;

    /// <summary>Bi-RPT: ε of the gate g_ε in the first epoch. Default: 0.1.</summary>
    public double InitialEpsilon { get; init; } = 0.1;

    /// <summary>Bi-RPT: factor applied to ε after every epoch. Default: 0.9.</summary>
    public double EpsilonDecay { get; init; } = 0.9;

    /// <summary>Bi-RPT: the initial value of every mask score (g_ε(1) ≈ 0.91 at ε = 0.1). Default: 1.</summary>
    public double InitialMaskScore { get; init; } = 1;

    /// <summary>
    /// Bi-RPT: the floor of the ε schedule: ε of an epoch is max(<see cref="MinimumEpsilon"/>, ε₀ · decay^epoch). The gate's
    /// gradient 2mε/(m² + ε)² vanishes with ε, so without a floor the masks stop learning in long runs. Default: 0 (no floor,
    /// the paper's schedule).
    /// </summary>
    public double MinimumEpsilon { get; init; }

    /// <summary>
    /// Bi-RPT: the total sparsity pressure of a run, independent of its length: the fraction of its initial value that the
    /// proximal steps remove from a score the target gradient does not hold up, summed over every upper step of the run
    /// (0 removes nothing; 1 brings such a score to exactly 0 at the last step; 2 at half-way). The per-step threshold is
    /// derived from it, the run's step count and <see cref="ThresholdForm"/>, so a budget means the same on 12 or 25 training
    /// points and on 30 or 90 epochs; which entries survive, and how the removal splits between m_s and m_t and across layers,
    /// still comes from the gradients. When set, it replaces <see cref="Gamma"/>. Default: null (γ · λ_m per step, the paper's
    /// form, whose effect grows with the number of steps).
    /// </summary>
    public double? ShrinkBudget { get; init; }

    /// <summary>
    /// Bi-RPT: the fraction of the gated weights the run removes (joint sparsity: m_s ⊙ m_t = 0), reached gradually: after
    /// every upper step the entries with the smallest |m_s · m_t| over all gated layers are cut until the fraction
    /// p · (1 − (1 − t / (r·N))³) of them is zero (or, with <see cref="TargetSparsityRanking"/>, the smallest weights as gated) (t the step, N the run's steps, r <see cref="TargetSparsityRamp"/>), the
    /// smaller of the two scores being set to 0 (a zero score stays zero: the gate's gradient vanishes there; with the
    /// paper's <see cref="ProximalThresholdForm.PartnerScaled"/> threshold its partner follows at the next proximal step).
    /// So the control fixes how many weights go; which ones and in which layers comes from the learned scores. It acts beside
    /// <see cref="Gamma"/> or <see cref="ShrinkBudget"/>. Default: 0.2, chosen by cross-validation on training parts (with
    /// the default <see cref="GatedLayers"/>, the convolutions lose a fifth of their weights at no cross-validated cost, where
    /// γ alone removes none); null: no target, only what the proximal steps zero.
    /// </summary>
    [JsonIgnore] // Fine-tuning only: never part of a pre-training store key, so adding it kept the stored keys.
    public double? TargetJointSparsity { get; init; } = 0.2;

    /// <summary>
    /// Bi-RPT with <see cref="TargetJointSparsity"/>: the fraction r of the run's upper steps over which the target is reached
    /// (a cubic ramp, fastest at the start, as in gradual magnitude pruning); the rest of the run trains the survivors.
    /// Default: 1/3, the first learning-rate phase of the paper's fine-tuning schedule (÷10 after 30 of 90 epochs).
    /// </summary>
    [JsonIgnore] // Fine-tuning only: never part of a pre-training store key, so adding it kept the stored keys.
    public double TargetSparsityRamp { get; init; } = 1.0 / 3;

    /// <summary>
    /// Bi-RPT with <see cref="TargetJointSparsity"/>: what the cut ranks the gated weights by. Default:
    /// <see cref="TargetSparsityRanking.EffectiveWeight"/>; cross-validated on the training parts, ranking by the scores alone
    /// cut weights the network needed (their scores have barely moved when the ramp cuts most).
    /// </summary>
    [JsonIgnore] // Fine-tuning only: never part of a pre-training store key, so adding it kept the stored keys.
    public TargetSparsityRanking TargetSparsityRanking { get; init; } = TargetSparsityRanking.EffectiveWeight;

    /// <summary>
    /// Bi-RPT: the proximal threshold's form. Default: <see cref="ProximalThresholdForm.PartnerScaled"/> (the paper's Eqs. 11–12).
    /// </summary>
    public ProximalThresholdForm ThresholdForm { get; init; } = ProximalThresholdForm.PartnerScaled;

    /// <summary>
    /// Bi-RPT: which layers get learned gates; the others train as plain weights. Default:
    /// <see cref="BiRptGatedLayers.Convolutions"/>, as in the authors' code (the paper gates every layer:
    /// <see cref="BiRptGatedLayers.All"/>); cross-validated on the training parts it scored the same, at a fraction of the cost.
    /// </summary>
    public BiRptGatedLayers GatedLayers { get; init; } = BiRptGatedLayers.Convolutions;

    /// <summary>
    /// Bi-RPT: the scale of Eq. 10's hyper-gradient term in the m_s update; null uses the lower level's learning rate of the
    /// epoch (λ_l, as Eq. 10 derives it). The authors' code uses a constant 0.1. Default: null.
    /// </summary>
    public double? HyperGradientScale { get; init; }

    /// <summary>
    /// Bi-RPT: the momentum of the mask-score updates (heavy-ball, as torch's SGD). Default: 0 (the plain gradient step of
    /// Eq. 10). The authors' code uses 0.9.
    /// </summary>
    public double MaskMomentum { get; init; }

    /// <summary>
    /// Bi-RPT: whether λ_m (and with it the threshold γ · λ_m) follows the fine-tuning stage's schedule, as in the authors'
    /// code. Default: false (a constant λ_m, the paper's Algorithm 2). A <see cref="ShrinkBudget"/> is spread evenly over the
    /// steps either way.
    /// </summary>
    public bool MaskLearningRateFollowsSchedule { get; init; }

    /// <summary>
    /// The settings that shape a sparse pre-training (the IMP rate, N_s, the ranking scope and the epochs per round, here never
    /// null): the members that act only after pre-training (N_t and its epochs, the Bi-RPT coefficients) are reset to their
    /// defaults. Two options with equal parts pre-train the same network; the pre-training cache keys on it. A member added
    /// later is kept unless it is reset here, so it can never be silently left out of the key.
    /// </summary>
    /// <param name="pretrainingEpochs">The pre-training stage's epochs, which a null <see cref="PretrainingRoundEpochs"/> means.</param>
    public SparsityOptions PretrainingPart(int pretrainingEpochs) => this with
    {
        PretrainingRoundEpochs = PretrainingRoundEpochs ?? pretrainingEpochs,
        TransferRounds = Defaults.TransferRounds,
        TransferRoundEpochs = Defaults.TransferRoundEpochs,
        Gamma = Defaults.Gamma,
        MaskLearningRate = Defaults.MaskLearningRate,
        LowerLearningRate = Defaults.LowerLearningRate,
        LowerLearningRateFollowsSchedule = Defaults.LowerLearningRateFollowsSchedule,
        SourceBatchSize = Defaults.SourceBatchSize,
        UpperLearningRate = Defaults.UpperLearningRate,
        UnrollSteps = Defaults.UnrollSteps,
        LowerLevelInterval = Defaults.LowerLevelInterval,
        InitialEpsilon = Defaults.InitialEpsilon,
        EpsilonDecay = Defaults.EpsilonDecay,
        InitialMaskScore = Defaults.InitialMaskScore,
        MinimumEpsilon = Defaults.MinimumEpsilon,
        ShrinkBudget = Defaults.ShrinkBudget,
        ThresholdForm = Defaults.ThresholdForm,
        GatedLayers = Defaults.GatedLayers,
        HyperGradientScale = Defaults.HyperGradientScale,
        MaskMomentum = Defaults.MaskMomentum,
        MaskLearningRateFollowsSchedule = Defaults.MaskLearningRateFollowsSchedule,
        TargetJointSparsity = Defaults.TargetJointSparsity,
        TargetSparsityRamp = Defaults.TargetSparsityRamp,
        TargetSparsityRanking = Defaults.TargetSparsityRanking,
    };

    /// <summary>The given options validated, or the defaults.</summary>
    internal static SparsityOptions ValidatedOrDefault(SparsityOptions? sparsity)
    {
        sparsity ??= new SparsityOptions();
        sparsity.Validate();
        return sparsity;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid member.</summary>
    public void Validate()
    {
        static void Check(bool ok, object? value, string name, string expected)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be {expected}.");
            }
        }

        static bool Finite(double x) => double.IsFinite(x);
        Check(PruningRate is > 0 and < 1, PruningRate, nameof(PruningRate), "in (0, 1), e.g. 0.2");
        Check(PretrainingRounds >= 0, PretrainingRounds, nameof(PretrainingRounds), "≥ 0");
        Check(TransferRounds >= 0, TransferRounds, nameof(TransferRounds), "≥ 0");
        Check(Enum.IsDefined(Scope), Scope, nameof(Scope), "LayerWise or Global");
        Check(PretrainingRoundEpochs is null or > 0, PretrainingRoundEpochs, nameof(PretrainingRoundEpochs), "positive (or null)");
        Check(TransferRoundEpochs is null or > 0, TransferRoundEpochs, nameof(TransferRoundEpochs), "positive (or null)");
        Check(Gamma >= 0 && Finite(Gamma), Gamma, nameof(Gamma), "a finite number ≥ 0");
        Check(MaskLearningRate > 0 && Finite(MaskLearningRate), MaskLearningRate, nameof(MaskLearningRate), "a positive finite number");
        Check(LowerLearningRate >= 0 && Finite(LowerLearningRate), LowerLearningRate, nameof(LowerLearningRate), "a finite number ≥ 0");
        Check(SourceBatchSize is null or > 0, SourceBatchSize, nameof(SourceBatchSize), "positive (or null)");
        Check(UpperLearningRate > 0 && Finite(UpperLearningRate), UpperLearningRate, nameof(UpperLearningRate), "a positive finite number");
        Check(UnrollSteps >= 1, UnrollSteps, nameof(UnrollSteps), "≥ 1");
        Check(LowerLevelInterval >= 1, LowerLevelInterval, nameof(LowerLevelInterval), "≥ 1");
        Check(InitialEpsilon > 0 && Finite(InitialEpsilon), InitialEpsilon, nameof(InitialEpsilon), "a positive finite number");
        Check(EpsilonDecay is > 0 and <= 1, EpsilonDecay, nameof(EpsilonDecay), "in (0, 1]");
        Check(InitialMaskScore > 0 && Finite(InitialMaskScore), InitialMaskScore, nameof(InitialMaskScore), "a positive finite number");
        Check(MinimumEpsilon >= 0 && MinimumEpsilon <= InitialEpsilon, MinimumEpsilon, nameof(MinimumEpsilon), "≥ 0 and at most InitialEpsilon");
        Check(ShrinkBudget is null || (ShrinkBudget >= 0 && Finite(ShrinkBudget.Value)), ShrinkBudget, nameof(ShrinkBudget), "a finite number ≥ 0 (or null), e.g. 0.5");
        Check(TargetJointSparsity is null || (TargetJointSparsity >= 0 && TargetJointSparsity < 1), TargetJointSparsity, nameof(TargetJointSparsity), "a fraction in [0, 1) (or null), e.g. 0.2");
        Check(TargetSparsityRamp > 0 && TargetSparsityRamp <= 1, TargetSparsityRamp, nameof(TargetSparsityRamp), "a fraction in (0, 1], e.g. 1/3");
        Check(Enum.IsDefined(TargetSparsityRanking), TargetSparsityRanking, nameof(TargetSparsityRanking), "JointScore or EffectiveWeight");
        Check(Enum.IsDefined(ThresholdForm), ThresholdForm, nameof(ThresholdForm), "PartnerScaled or Uniform");
        Check(Enum.IsDefined(GatedLayers), GatedLayers, nameof(GatedLayers), "All or Convolutions");
        Check(HyperGradientScale is null || (HyperGradientScale >= 0 && Finite(HyperGradientScale.Value)), HyperGradientScale, nameof(HyperGradientScale), "a finite number ≥ 0 (or null)");
        Check(MaskMomentum is >= 0 and < 1, MaskMomentum, nameof(MaskMomentum), "in [0, 1), e.g. 0.9");
    }
}
