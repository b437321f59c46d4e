using TorchSharp;
using TorchSharp.Modules;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Methods.BiRpt;

/// <summary>
/// The state and the update of one Bi-RPT upper-level step (Chen et al., CPAL 2024, Algorithm 2): the mask scores m_s and
/// m_t of every prunable layer (leaf tensors beside the network) and the weight, mask, hyper-gradient and proximal updates.
/// </summary>
internal sealed class BiRptStepper : IDisposable
{
    private readonly YieldCnn _model;
    private readonly YieldTask _task;
    private readonly SparsityOptions _sparsity;
    private readonly Dictionary<string, int> _indexOf;
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _weights;
    private readonly int[] _weightSlots;
    private readonly Tensor[] _sourceScores;
    private readonly Tensor[] _transferScores;

    /// <summary>Starts the scores at <see cref="SparsityOptions.InitialMaskScore"/> where the network's masks keep a weight, 0 elsewhere.</summary>
    public BiRptStepper(YieldCnn model, SparsityOptions sparsity)
    {
        _model = model;
        _task = model.Options.Task;
        _sparsity = sparsity;
        var layers = model.PrunableLayers;
        _indexOf = layers.Select((l, i) => (l.Name, i)).ToDictionary(p => p.Name, p => p.i);
        _parameters = model.parameters().ToArray();
        _weights = layers.Select(l => (Tensor)l.Weight).ToArray();
        _weightSlots = layers.Select(l => Array.FindIndex(_parameters, p => ReferenceEquals(p, l.Weight))).ToArray();
        using var scope = NewDisposeScope();
        _sourceScores = layers.Select(l => Score(model.Mask(l, MaskStage.Source))).ToArray();
        _transferScores = layers.Select(l => Score(model.Mask(l, MaskStage.Transfer))).ToArray();
    }

    /// <summary>
    /// One lower-level SGD step of θ on a source batch with the g_ε(m_s)-gated weights, at <paramref name="lowerRate"/>
    /// (null: <see cref="SparsityOptions.LowerLearningRate"/>). The batch-norm running statistics are left as they were:
    /// the target model is evaluated with them, so source batches must not move them.
    /// </summary>
    public void LowerStep(Tensor images, Tensor labels, double epsilon, double? lowerRate = null)
    {
        using var scope = NewDisposeScope();
        using var statistics = BatchNormStatistics.Preserve(_model);
        var loss = YieldLoss.Of(_task, _model.forward(images, YieldHead.Target, l => l.Weight * Gate.Apply(_sourceScores[_indexOf[l.Name]].detach(), epsilon)), labels);
        var gradients = torch.autograd.grad([loss], _parameters, allow_unused: true);
        using var noGrad = no_grad();
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
    public float UpperStep(Tensor images, Tensor labels, Tensor? sourceImages, Tensor? sourceLabels, double epsilon, double upperRate, double? lowerRate = null)
    {
        using var scope = NewDisposeScope();
        var loss = UpperLoss(images, labels, epsilon);
        var value = loss.item<float>();
        if (float.IsFinite(value))
        {
            UpperUpdate(loss, sourceImages, sourceLabels, epsilon, upperRate, lowerRate);
        }

        return value;
    }

    /// <summary>The target loss with the g_ε(m_s) ⊙ g_ε(m_t)-gated weights (differentiable in θ and both scores).</summary>
    public Tensor UpperLoss(Tensor images, Tensor labels, double epsilon) =>
        YieldLoss.Of(_task, _model.forward(images, YieldHead.Target, l => GatedWeight(l, epsilon)), labels);

    /// <summary>
    /// The upper-level update from <paramref name="loss"/> (<see cref="UpperLoss"/>): SGD on θ (<paramref name="upperRate"/>),
    /// gradient steps on the scores (λ_m), with Eq. 10's term for m_s when <paramref name="sourceImages"/> is given, then the
    /// proximal soft threshold γ·λ_m on both masks (Eqs. 11–12). Eq. 10's term is scaled by the lower level's rate
    /// (<paramref name="lowerRate"/>; null: <see cref="SparsityOptions.LowerLearningRate"/>); its source forward pass leaves
    /// the batch-norm running statistics as they were.
    /// </summary>
    public void UpperUpdate(Tensor loss, Tensor? sourceImages, Tensor? sourceLabels, double epsilon, double upperRate, double? lowerRate = null)
    {
        using var scope = NewDisposeScope();
        var gradients = torch.autograd.grad([loss], [.. _parameters, .. _sourceScores, .. _transferScores], allow_unused: true);
        Tensor Gradient(int slot, Tensor like) => gradients[slot] is { IsInvalid: false } g ? g : zeros_like(like);
        // Only a step with a source batch runs a source pass (with LowerLevelInterval > 1 most steps have none).
        using var statistics = sourceImages is null ? null : BatchNormStatistics.Preserve(_model);
        var hyper = sourceImages is null
            ? null
            : HyperGradient.OfSourceMask(
                (w, m) => YieldLoss.Of(_task, _model.forward(sourceImages, YieldHead.Target, l =>
                {
                    var i = _indexOf[l.Name];
                    return w[i] * Gate.Apply(m[i], epsilon);
                }), sourceLabels!),
                _weights,
                _sourceScores,
                _weightSlots.Select(slot => Gradient(slot, _parameters[slot])).ToArray());

        // In place, on the gradient buffers this step owns: on small batches a fresh weight-sized tensor costs more than
        // the arithmetic on it (the page faults of new buffers dominate), so the updates allocate nothing weight-sized.
        // Multiply-then-subtract, not add_ with alpha, keeps the rounding of the out-of-place form: short Bi-RPT runs are
        // sensitive enough that a different last bit can end in a different mask.
        using var noGrad = no_grad();
        using var rate = upperRate.ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (gradients[i] is { IsInvalid: false } g)
            {
                _parameters[i].sub_(g.mul_(rate));
            }
        }

        using var maskRate = _sparsity.MaskLearningRate.ToScalar();
        using var hyperRate = (lowerRate ?? _sparsity.LowerLearningRate).ToScalar();
        var layers = _weights.Length;
        for (var i = 0; i < layers; i++)
        {
            var sourceHat = Gradient(_parameters.Length + i, _sourceScores[i]);
            if (hyper is not null)
            {
                // Eq. 10: m̂_s = m_s − λ_m ∂L_t/∂m_s + λ_m λ_l ∇_{m_s}(∇θL_s · ∇θL_t).
                sourceHat.sub_(hyper[i].mul_(hyperRate));
            }

            // m̂ = m − λ_m·∂: computed as −(λ_m·∂) + m, which rounds exactly as the subtraction.
            sourceHat.mul_(maskRate).neg_().add_(_sourceScores[i]);
            var transferHat = Gradient(_parameters.Length + layers + i, _transferScores[i]).mul_(maskRate).neg_().add_(_transferScores[i]);
            ProximalThreshold.ApplyToBoth(sourceHat, transferHat, _sparsity.Gamma * _sparsity.MaskLearningRate);
            _sourceScores[i].copy_(sourceHat);
            _transferScores[i].copy_(transferHat);
        }
    }

    /// <summary>A layer's weight as the upper level sees it: W ⊙ g_ε(m_s) ⊙ g_ε(m_t) (for predicting between epochs).</summary>
    public Tensor GatedWeight(PrunableLayer layer, double epsilon)
    {
        var i = _indexOf[layer.Name];
        return layer.Weight * Gate.Apply(_sourceScores[i], epsilon) * Gate.Apply(_transferScores[i], epsilon);
    }

    /// <summary>Multiplies the gates at <paramref name="epsilon"/> into the weights and stores 0/1 masks (kept where a score is non-zero).</summary>
    public void Freeze(double epsilon)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var layers = _model.PrunableLayers;
        var source = MaskRule.KeepNonZero.Next(layers, MaskImportance.Scores(ScoresByLayer(_sourceScores)), l => _model.Mask(l, MaskStage.Source));
        var transfer = MaskRule.KeepNonZero.Next(layers, MaskImportance.Scores(ScoresByLayer(_transferScores)), l => _model.Mask(l, MaskStage.Transfer));
        foreach (var layer in layers)
        {
            var i = _indexOf[layer.Name];
            layer.Weight.mul_(Gate.Apply(_sourceScores[i], epsilon) * Gate.Apply(_transferScores[i], epsilon));
            _model.Mask(layer, MaskStage.Source).copy_(source[layer.Name]);
            _model.Mask(layer, MaskStage.Transfer).copy_(transfer[layer.Name]);
        }
    }

    public void Dispose()
    {
        foreach (var score in _sourceScores.Concat(_transferScores))
        {
            score.Dispose();
        }
    }

    private Dictionary<string, Tensor> ScoresByLayer(Tensor[] scores) => _indexOf.ToDictionary(p => p.Key, p => scores[p.Value]);

    private Tensor Score(Tensor mask) => (mask * _sparsity.InitialMaskScore).detach().requires_grad_(true).MoveToOuterDisposeScope();

}
