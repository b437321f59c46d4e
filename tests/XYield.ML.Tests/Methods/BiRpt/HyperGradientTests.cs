using TorchSharp;
using XYield.ML.Methods.BiRpt;
using XYield.ML.Models.Masking;
using XYield.ML.Runtime;
using XYield.ML.Tests.Models.Masking;
using static TorchSharp.torch;

namespace XYield.ML.Tests.Methods.BiRpt;

[TestFixture]
public sealed class HyperGradientTests
{
    [OneTimeSetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    /// <summary>A two-layer tanh network whose weights are gated by g_ε(m_s); double precision for the finite differences.</summary>
    private static Tensor SourceLoss(IReadOnlyList<Tensor> w, IReadOnlyList<Tensor> ms, Tensor x, Tensor y)
    {
        var h = nn.functional.linear(x, w[0] * Gate.Apply(ms[0], 0.1)).tanh();
        var output = nn.functional.linear(h, w[1] * Gate.Apply(ms[1], 0.1));
        return nn.functional.mse_loss(output, y);
    }

    [Test]
    public void Eq10_term_matches_a_finite_difference_estimate()
    {
        torch.manual_seed(3);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(8, 3, dtype: float64);
        var y = torch.randn(8, 1, dtype: float64);
        Tensor[] w = [torch.randn(4, 3, dtype: float64).requires_grad_(), torch.randn(1, 4, dtype: float64).requires_grad_()];
        Tensor[] ms = [(torch.rand(4, 3, dtype: float64) + 0.2).requires_grad_(), (torch.rand(1, 4, dtype: float64) + 0.2).requires_grad_()];
        Tensor[] v = [torch.randn(4, 3, dtype: float64), torch.randn(1, 4, dtype: float64)]; // Stands in for ∇θL_t.

        var analytic = HyperGradient.OfSourceMask((wt, m) => SourceLoss(wt, m, x, y), w, ms, v);

        // Finite differences of f(m_s) = ∇θL_s(θ, m_s) · v, one mask entry at a time.
        double F(Tensor[] masks)
        {
            var loss = SourceLoss(w, masks, x, y);
            var grads = torch.autograd.grad([loss], w);
            return grads.Zip(v, (g, vi) => (g * vi).sum().item<double>()).Sum();
        }

        const double h = 1e-6;
        for (var layer = 0; layer < 2; layer++)
        {
            var n = ms[layer].numel();
            for (var i = 0; i < n; i++)
            {
                Tensor[] Shift(double delta) => ms.Select((m, l) =>
                {
                    var copy = m.detach().clone().flatten();
                    if (l == layer)
                    {
                        copy[i] = copy[i] + delta;
                    }

                    return copy.reshape(m.shape);
                }).ToArray();

                var numeric = (F(Shift(h)) - F(Shift(-h))) / (2 * h);
                var value = analytic[layer].flatten()[i].item<double>();
                Assert.That(value, Is.EqualTo(numeric).Within(1e-6 + (1e-5 * Math.Abs(numeric))), $"layer {layer} entry {i}");
            }
        }

        Assert.That(analytic.Sum(a => a.abs().sum().item<double>()), Is.GreaterThan(1e-3), "the term is not trivially zero");
    }
}
