using TorchSharp.Modules;

namespace XYield.ML.Models;

/// <summary>
/// One convolution or linear layer whose weight can be masked (Hand-Tune, Bi-RPT). The masked variants
/// pass <c>mask ⊙ Weight</c> to <see cref="YieldCnn.forward(TorchSharp.torch.Tensor, YieldHead, Func{PrunableLayer, TorchSharp.torch.Tensor})"/>.
/// </summary>
public sealed class PrunableLayer
{
    private readonly Func<Parameter> _weight;

    /// <summary>Creates the entry; <paramref name="weight"/> reads the layer's current parameter.</summary>
    /// <param name="name">The layer's field name, as in the weight file (<c>conv1</c> … <c>head</c>, <c>source_head</c>).</param>
    /// <param name="weight">Returns the layer's weight parameter as it is now.</param>
    public PrunableLayer(string name, Func<Parameter> weight)
    {
        Name = name;
        _weight = weight;
    }

    /// <summary>The layer's field name, as in the weight file.</summary>
    public string Name { get; }

    /// <summary>
    /// The layer's weight parameter, read from the module on every access: moving a module to another device
    /// (<c>to(cuda)</c>) replaces its parameter objects, so a reference taken at construction would go stale.
    /// </summary>
    public Parameter Weight => _weight();
}
