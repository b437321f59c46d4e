using TorchSharp;
using TorchSharp.Modules;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// The state and the update of one Bi-RPT upper-level step (Chen et al., CPAL 2024, Algorithm 2): the mask scores m_s and
/// m_t of every gated layer (leaf tensors beside the network) and the weight, mask, hyper-gradient and proximal updates.
/// Layers left out by <see cref="SparsityOptions.GatedLayers"/> train as plain (hard-masked) weights.
/// </summary>
internal sealed class BiRptStepper : IDisposable
{
    private readonly YieldCnn _model;
    private readonly YieldTask _task;
    private readonly SparsityOptions _sparsity;
    private readonly Dictionary<string, int> _indexOf;
    private readonly PrunableLayer[] _layers;
    private readonly Parameter[] _parameters;
    private readonly int[] _gated;
    private readonly bool[] _isGated;
    private readonly bool[] _hasHardMask;
    private readonly Tensor?[] _sourceScores;
    private readonly Tensor?[] _transferScores;
    private readonly Tensor?[] _sourceVelocity;
    private readonly Tensor?[] _transferVelocity;
    private long _cutCount;
    private readonly long _gatedWeightCount;
    private Tensor[]? _beforeLowerStep;
    private Tensor[]? _afterLowerStep;
    private bool _hasLowerStep;

    /// <summary>Starts the scores at <see cref="SparsityOptions.InitialMaskScore"/> where the network's masks keep a weight, 0 elsewhere.</summary>
    public BiRptStepper(YieldCnn model, SparsityOptions sparsity)
    {
        _model = model;
        _task = model.Options.Task;
        _sparsity = sparsity;
        _layers = model.PrunableLayers.ToArray();
        _indexOf = _layers.Select((l, i) => (l.Name, i)).ToDictionary(p => p.Name, p => p.i);
        _parameters = model.parameters().ToArray();
        _isGated = _layers.Select(l => sparsity.GatedLayers == BiRptGatedLayers.All || l.Name.StartsWith("conv", StringComparison.Ordinal)).ToArray();
        _gated = Enumerable.Range(0, _layers.Length).Where(i => _isGated[i]).ToArray();
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            // A plain layer uses its weight as it is unless an earlier stage left a mask on it (then W ⊙ m_s ⊙ m_t).
            _hasHardMask = _layers.Select(l => !_isGated[_indexOf[l.Name]] && (model.Mask(l, MaskStage.Source).lt(1).any().item<bool>() || model.Mask(l, MaskStage.Transfer).lt(1).any().item<bool>())).ToArray();
        }

        _sourceScores = _layers.Select((l, i) => _isGated[i] ? Score(model.Mask(l, MaskStage.Source)) : null).ToArray();
        _transferScores = _layers.Select((l, i) => _isGated[i] ? Score(model.Mask(l, MaskStage.Transfer)) : null).ToArray();
        _sourceVelocity = new Tensor?[_layers.Length];
        _transferVelocity = new Tensor?[_layers.Length];
        _gatedWeightCount = _gated.Sum(i => _layers[i].Weight.numel());
    }

    /// <summary>The current m_s scores of the gated layers, by layer name (views of the live tensors, for tests).</summary>
    internal IReadOnlyDictionary<string, Tensor> SourceScores => ScoresByLayer(_sourceScores);

    /// <summary>The current m_t scores of the gated layers, by layer name (views of the live tensors, for tests).</summary>
    internal IReadOnlyDictionary<string, Tensor> TransferScores => ScoresByLayer(_transferScores);

    /// <summary>
    /// One lower-level SGD step of θ on a source batch with the g_ε(m_s)-gated weights, at <paramref name="lowerRate"/>
    /// (null: <see cref="SparsityOptions.LowerLearningRate"/>). The batch-norm running statistics are left as they were:
    /// the target model is evaluated with them, so source batches must not move them.
    /// </summary>
    public void LowerStep(Tensor images, Tensor labels, double epsilon, double? lowerRate = null)
    {
        using var scope = NewDisposeScope();
        using var statistics = BatchNormStatistics.Preserve(_model);
        var loss = YieldLoss.Of(_task, _model.forward(images, YieldHead.Target, l => SourceGated(l, epsilon)), labels);
        var gradients = torch.autograd.grad([loss], _parameters, allow_unused: true);
        using var noGrad = no_grad();
        Copy(_parameters, _beforeLowerStep ??= Buffers());
        _hasLowerStep = true;
        using var rate = (lowerRate ?? _sparsity.LowerLearningRate).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (gradients[i] is { IsInvalid: false } g)
            {
                _parameters[i].sub_(g.mul_(rate));
            }
        }
    }

    /// <summary>
    /// One upper-level step on a target batch: <see cref="UpperLoss"/>, then <see cref="UpperUpdate"/> when the loss is finite.
    /// </summary>
    /// <returns>The target loss before the update.</returns>
    public float UpperStep(Tensor images, Tensor labels, Tensor? sourceImages, Tensor? sourceLabels, double epsilon, BiRptStepRates rates)
    {
        using var scope = NewDisposeScope();
        var loss = UpperLoss(images, labels, epsilon);
        var value = loss.item<float>();
        if (float.IsFinite(value))
        {
            UpperUpdate(loss, sourceImages, sourceLabels, epsilon, rates);
        }

        return value;
    }

    /// <summary>The target loss with the g_ε(m_s) ⊙ g_ε(m_t)-gated weights (differentiable in θ and both scores).</summary>
    public Tensor UpperLoss(Tensor images, Tensor labels, double epsilon) =>
        YieldLoss.Of(_task, _model.forward(images, YieldHead.Target, l => GatedWeight(l, epsilon)), labels);

    /// <summary>
    /// The upper-level update from <paramref name="loss"/> (<see cref="UpperLoss"/>): SGD on θ (λ_u), gradient steps on the
    /// scores (λ_m, with <see cref="SparsityOptions.MaskMomentum"/>), with Eq. 10's term for m_s when
    /// <paramref name="sourceImages"/> is given (scaled by <see cref="BiRptStepRates.HyperGradientScale"/>), then the proximal
    /// soft threshold τ on both masks (Eqs. 11–12). The source forward of Eq. 10 leaves the batch-norm running statistics as
    /// they were.
    /// </summary>
    public void UpperUpdate(Tensor loss, Tensor? sourceImages, Tensor? sourceLabels, double epsilon, BiRptStepRates rates)
    {
        using var scope = NewDisposeScope();
        var gated = _gated.Length;
        var sourceScores = _gated.Select(i => _sourceScores[i]!).ToArray();
        var transferScores = _gated.Select(i => _transferScores[i]!).ToArray();
        var gradients = torch.autograd.grad([loss], [.. _parameters, .. sourceScores, .. transferScores], allow_unused: true);
        Tensor Gradient(int slot, Tensor like) => gradients[slot] is { IsInvalid: false } g ? g : zeros_like(like);
        // Only a step with a source batch runs a source pass (with LowerLevelInterval > 1 most steps have none).
        using var statistics = sourceImages is null ? null : BatchNormStatistics.Preserve(_model);
        // Eq. 10's ∇θL_s is taken at the weights before the last lower step, as the authors' code does: then the m_s update is
        // the exact gradient of L_t(θ − λ_l∇θL_s(θ, m_s), m_s, m_t) for one unrolled step (at the weights after it, only to
        // first order in λ_l). ∇θL_t stays at the weights after the lower step.
        var atBefore = sourceImages is not null && _hasLowerStep;
        if (atBefore)
        {
            using var swap = no_grad();
            Copy(_parameters, _afterLowerStep ??= Buffers());
            Copy(_beforeLowerStep!, _parameters);
        }

        var hyper = sourceImages is null
            ? null
            : HyperGradient.OfSourceMask(
                (_, m) => YieldLoss.Of(_task, _model.forward(sourceImages, YieldHead.Target, l =>
                {
                    var i = _indexOf[l.Name];
                    return _isGated[i] ? l.Weight * Gate.Apply(m[Array.IndexOf(_gated, i)], epsilon) : PlainWeight(l, i);
                }), sourceLabels!),
                _parameters,
                sourceScores,
                _parameters.Select((p, slot) => Gradient(slot, p)).ToArray());
        if (atBefore)
        {
            using var swap = no_grad();
            Copy(_afterLowerStep!, _parameters);
        }

        _hasLowerStep = false;

        // In place, on the gradient buffers this step owns: on small batches a fresh weight-sized tensor costs more than
        // the arithmetic on it (the page faults of new buffers dominate), so the updates allocate nothing weight-sized.
        // Multiply-then-subtract, not add_ with alpha, keeps the rounding of the out-of-place form: short Bi-RPT runs are
        // sensitive enough that a different last bit can end in a different mask.
        using var noGrad = no_grad();
        using var rate = rates.Upper.ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (gradients[i] is { IsInvalid: false } g)
            {
                _parameters[i].sub_(g.mul_(rate));
            }
        }

        using var maskRate = rates.Mask.ToScalar();
        using var hyperRate = rates.HyperGradientScale.ToScalar();
        for (var k = 0; k < gated; k++)
        {
            var i = _gated[k];
            var sourceHat = Gradient(_parameters.Length + k, sourceScores[k]);
            if (hyper is not null)
            {
                // Eq. 10: m̂_s = m_s − λ_m ∂L_t/∂m_s + λ_m λ_l ∇_{m_s}(∇θL_s · ∇θL_t).
                sourceHat.sub_(hyper[k].mul_(hyperRate));
            }

            var transferHat = Gradient(_parameters.Length + gated + k, transferScores[k]);
            sourceHat = WithMomentum(_sourceVelocity, i, sourceHat);
            transferHat = WithMomentum(_transferVelocity, i, transferHat);

            // m̂ = m − λ_m·∂: computed as −(λ_m·∂) + m, which rounds exactly as the subtraction.
            sourceHat.mul_(maskRate).neg_().add_(sourceScores[k]);
            transferHat.mul_(maskRate).neg_().add_(transferScores[k]);
            ProximalThreshold.ApplyToBoth(sourceHat, transferHat, rates.Threshold, _sparsity.ThresholdForm);
            sourceScores[k].copy_(sourceHat);
            transferScores[k].copy_(transferHat);
        }
    }

    /// <summary>
    /// Cuts the gated layers' scores to <paramref name="fraction"/> joint sparsity (<see cref="TargetSparsity.Cut"/>). Once
    /// an earlier cut reached this step's count (after the ramp, every step) it does nothing: without mask momentum a zeroed
    /// score stays zero (its gate's gradient vanishes there and the proximal step keeps it), so the sparsity cannot have fallen.
    /// </summary>
    public void CutToJointSparsity(double fraction, double epsilon)
    {
        var count = TargetSparsity.Count(fraction, _gatedWeightCount);
        if (_sparsity.MaskMomentum == 0 && count <= _cutCount)
        {
            return;
        }

        _cutCount = count;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var importance = _sparsity.TargetSparsityRanking == TargetSparsityRanking.EffectiveWeight
            ? _gated.Select(i => GatedWeight(_layers[i], epsilon).abs()).ToArray()
            : null;
        TargetSparsity.Cut(_gated.Select(i => _sourceScores[i]!).ToArray(), _gated.Select(i => _transferScores[i]!).ToArray(), fraction, importance);
    }

    /// <summary>A layer's weight as the upper level sees it: W ⊙ g_ε(m_s) ⊙ g_ε(m_t), or the plain weight of an ungated layer.</summary>
    public Tensor GatedWeight(PrunableLayer layer, double epsilon)
    {
        var i = _indexOf[layer.Name];
        return _isGated[i]
            ? layer.Weight * Gate.Apply(_sourceScores[i]!, epsilon) * Gate.Apply(_transferScores[i]!, epsilon)
            : PlainWeight(layer, i);
    }

    /// <summary>
    /// Multiplies the gates at <paramref name="epsilon"/> into the gated layers' weights and stores their 0/1 masks (kept where
    /// a score is non-zero); ungated layers keep the masks they had.
    /// </summary>
    public void Freeze(double epsilon)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var layers = _gated.Select(i => _layers[i]).ToArray();
        var source = MaskRule.KeepNonZero.Next(layers, MaskImportance.Scores(ScoresByLayer(_sourceScores)), l => _model.Mask(l, MaskStage.Source));
        var transfer = MaskRule.KeepNonZero.Next(layers, MaskImportance.Scores(ScoresByLayer(_transferScores)), l => _model.Mask(l, MaskStage.Transfer));
        foreach (var layer in layers)
        {
            var i = _indexOf[layer.Name];
            layer.Weight.mul_(Gate.Apply(_sourceScores[i]!, epsilon) * Gate.Apply(_transferScores[i]!, epsilon));
            _model.Mask(layer, MaskStage.Source).copy_(source[layer.Name]);
            _model.Mask(layer, MaskStage.Transfer).copy_(transfer[layer.Name]);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _sourceScores.Concat(_transferScores).Concat(_sourceVelocity).Concat(_transferVelocity)
            .Concat(_beforeLowerStep ?? []).Concat(_afterLowerStep ?? []))
        {
            tensor?.Dispose();
        }
    }

    // The lower level's weight: W ⊙ g_ε(m_s) (scores detached: the lower level does not train them).
    private Tensor SourceGated(PrunableLayer layer, double epsilon)
    {
        var i = _indexOf[layer.Name];
        return _isGated[i] ? layer.Weight * Gate.Apply(_sourceScores[i]!.detach(), epsilon) : PlainWeight(layer, i);
    }

    // One buffer per parameter, outside any dispose scope, reused by every step (copies allocate nothing).
    private Tensor[] Buffers() => _parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();

    private static void Copy(Tensor[] from, Tensor[] to)
    {
        for (var i = 0; i < from.Length; i++)
        {
            to[i].copy_(from[i]);
        }
    }

    private Tensor PlainWeight(PrunableLayer layer, int i) => _hasHardMask[i] ? _model.HardMaskedWeight(layer) : layer.Weight;

    // Heavy-ball momentum as torch's SGD: v ← μv + g, step along v; with μ = 0 the gradient itself (no buffer).
    private Tensor WithMomentum(Tensor?[] velocity, int layer, Tensor gradient)
    {
        if (_sparsity.MaskMomentum == 0)
        {
            return gradient;
        }

        if (velocity[layer] is not { } v)
        {
            velocity[layer] = v = gradient.detach().clone().DetachFromDisposeScope();
        }
        else
        {
            using var momentum = _sparsity.MaskMomentum.ToScalar();
            v.mul_(momentum).add_(gradient);
        }

        return v.clone();
    }

    private Dictionary<string, Tensor> ScoresByLayer(Tensor?[] scores) => _gated.ToDictionary(i => _layers[i].Name, i => scores[i]!);

    private Tensor Score(Tensor mask) => (mask * _sparsity.InitialMaskScore).detach().requires_grad_(true).MoveToOuterDisposeScope();
}
