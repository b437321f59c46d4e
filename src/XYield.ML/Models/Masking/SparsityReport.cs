using System.Globalization;
using System.Text;
using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Models.Masking;

/// <summary>The sparsity of one prunable layer: the fraction of its weights each mask removes (paper Fig. 5).</summary>
/// <param name="Layer">The layer name (<c>conv1</c> … <c>head</c>).</param>
/// <param name="WeightCount">The number of weights of the layer.</param>
/// <param name="Source">Fraction of zeros in m_s.</param>
/// <param name="Transfer">Fraction of zeros in m_t.</param>
/// <param name="Joint">Fraction of zeros in m_s ⊙ m_t: the weights the model does not use.</param>
public sealed record LayerSparsity(string Layer, long WeightCount, double Source, double Transfer, double Joint);

/// <summary>Per-layer and total sparsity of a network's masks; the totals weight each layer by its number of weights.</summary>
public sealed record SparsityReport(IReadOnlyList<LayerSparsity> Layers)
{
    /// <summary>Total number of prunable weights.</summary>
    public long WeightCount => Layers.Sum(l => l.WeightCount);

    /// <summary>Fraction of all prunable weights removed by m_s.</summary>
    public double Source => Weighted(l => l.Source);

    /// <summary>Fraction of all prunable weights removed by m_t.</summary>
    public double Transfer => Weighted(l => l.Transfer);

    /// <summary>Fraction of all prunable weights removed by m_s ⊙ m_t.</summary>
    public double Joint => Weighted(l => l.Joint);

    /// <summary>Measures the masks of a network (an entry counts as removed when it is exactly 0).</summary>
    public static SparsityReport Of(YieldCnn network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return new SparsityReport(network.PrunableLayers.Select(layer =>
        {
            var source = network.Mask(layer, MaskStage.Source);
            var transfer = network.Mask(layer, MaskStage.Transfer);
            double n = source.numel();
            double Zeros(Tensor mask) => mask.eq(0).sum().item<long>() / n;
            return new LayerSparsity(layer.Name, source.numel(), Zeros(source), Zeros(transfer), Zeros(source * transfer));
        }).ToArray());
    }

    /// <summary>A fixed-width table: one line per layer, then the total.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine("layer          weights     m_s     m_t   joint");
        foreach (var l in Layers.Append(new LayerSparsity("total", WeightCount, Source, Transfer, Joint)))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{l.Layer,-12} {l.WeightCount,9} {l.Source,7:P1} {l.Transfer,7:P1} {l.Joint,7:P1}"));
        }

        return text.ToString().TrimEnd();
    }

    private double Weighted(Func<LayerSparsity, double> of) =>
        WeightCount == 0 ? 0 : Layers.Sum(l => of(l) * l.WeightCount) / WeightCount;
}
