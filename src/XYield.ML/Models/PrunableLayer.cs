using TorchSharp.Modules;

namespace XYield.ML.Models;

/// <summary>
/// One convolution or linear layer whose weight can be masked (Hand-Tune, Bi-RPT). The masked variants
/// pass <c>mask ⊙ Weight</c> to <see cref="YieldCnn.forward(TorchSharp.torch.Tensor, YieldHead, Func{PrunableLayer, TorchSharp.torch.Tensor})"/>.
/// </summary>
/// <param name="Name">The layer's field name, as in the weight file (<c>conv1</c> … <c>head</c>, <c>source_head</c>).</param>
/// <param name="Weight">The layer's weight parameter.</param>
public sealed record PrunableLayer(string Name, Parameter Weight);
