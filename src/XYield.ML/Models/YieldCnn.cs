using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XYield.ML.Models;

/// <summary>
/// The yield-strength predictor of Chen et al., CPAL 2024, §5: three 3 × 3 convolutions (padding 1), each
/// followed by batch normalisation and ReLU, then an MLP with one hidden ReLU layer and a head with one output
/// (regression, GPa) or one logit per class. Mix Training adds a second head on the same trunk.
/// </summary>
/// <remarks>
/// Field names are the weight file format (TorchSharp saves by name): never rename one without bumping
/// <see cref="Storage.YieldModelFormat.Version"/>. A forward pass given a weight substitution runs the
/// functional form with the substituted weights of <see cref="PrunableLayers"/>, so masked training can use
/// masked weights without a second copy of the network.
/// </remarks>
public sealed class YieldCnn : nn.Module<Tensor, Tensor>
{
    private static readonly long[] Stride = [1, 1];
    private static readonly long[] Padding = [1, 1];
    private static readonly long[] Dilation = [1, 1];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Linear fc1;
    private readonly Linear head;
    private readonly Linear? source_head;
    private readonly Dictionary<string, PrunableLayer> _layers;

    /// <summary>Builds a freshly initialised network (on the CPU; move it with <c>to(device)</c>).</summary>
    /// <param name="options">The architecture; validated here.</param>
    public YieldCnn(YieldCnnOptions options)
        : base(nameof(YieldCnn))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;

        var shape = options.ImageShape;
        var widths = options.ConvolutionWidths;
        conv1 = nn.Conv2d(shape.Channels, widths[0], 3, padding: 1);
        bn1 = nn.BatchNorm2d(widths[0]);
        conv2 = nn.Conv2d(widths[0], widths[1], 3, padding: 1);
        bn2 = nn.BatchNorm2d(widths[1]);
        conv3 = nn.Conv2d(widths[1], widths[2], 3, padding: 1);
        bn3 = nn.BatchNorm2d(widths[2]);
        fc1 = nn.Linear((long)widths[2] * shape.Height * shape.Width, options.HiddenWidth);
        head = nn.Linear(options.HiddenWidth, options.OutputCount);
        if (options.HasSourceHead)
        {
            source_head = nn.Linear(options.HiddenWidth, options.OutputCount);
        }

        RegisterComponents();

        var layers = new List<PrunableLayer>
        {
            new(nameof(conv1), () => conv1.weight!),
            new(nameof(conv2), () => conv2.weight!),
            new(nameof(conv3), () => conv3.weight!),
            new(nameof(fc1), () => fc1.weight!),
            new(nameof(head), () => head.weight!),
        };
        if (source_head is not null)
        {
            layers.Add(new(nameof(source_head), () => source_head!.weight!));
        }

        PrunableLayers = layers;
        _layers = layers.ToDictionary(l => l.Name);

        // Both masks of every prunable weight exist from construction (all ones), so a dense and a sparse network save
        // the same names; buffers move with the module between devices and are part of its state.
        foreach (var layer in layers)
        {
            register_buffer(MaskName(layer, MaskStage.Source), torch.ones_like(layer.Weight).detach());
            register_buffer(MaskName(layer, MaskStage.Transfer), torch.ones_like(layer.Weight).detach());
        }
    }

    /// <summary>The architecture this network was built with.</summary>
    public YieldCnnOptions Options { get; }

    /// <summary>Every convolution and linear layer in forward order (the source head last, when present).</summary>
    public IReadOnlyList<PrunableLayer> PrunableLayers { get; }

    /// <summary>The 0/1 (or gate-score) mask of a prunable layer for one stage; a buffer of the same shape as its weight.</summary>
    public Tensor Mask(PrunableLayer layer, MaskStage stage)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var name = MaskName(layer, stage);
        foreach (var (bufferName, buffer) in named_buffers(recurse: false))
        {
            if (bufferName == name)
            {
                return buffer;
            }
        }

        throw new ArgumentException($"No mask buffer '{name}': the layer does not belong to this network.", nameof(layer));
    }

    /// <summary>The weight a hard-masked forward pass uses: W ⊙ m_s ⊙ m_t (differentiable in W, so pruned entries get zero gradient).</summary>
    public Tensor HardMaskedWeight(PrunableLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer.Weight * Mask(layer, MaskStage.Source) * Mask(layer, MaskStage.Transfer);
    }

    /// <summary>
    /// Multiplies the joint mask m_s ⊙ m_t into every prunable weight, so the plain forward pass uses exactly the weights
    /// the masks allow (pruned entries become exact zeros). Idempotent for 0/1 masks.
    /// </summary>
    public void Bake()
    {
        using var noGrad = torch.no_grad();
        foreach (var layer in PrunableLayers)
        {
            layer.Weight.mul_(Mask(layer, MaskStage.Source)).mul_(Mask(layer, MaskStage.Transfer));
        }
    }

    /// <summary>The buffer name of a layer's mask: <c>conv1_mask_s</c>, <c>conv1_mask_t</c>, … (part of the saved format).</summary>
    public static string MaskName(PrunableLayer layer, MaskStage stage)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer.Name + (stage == MaskStage.Source ? "_mask_s" : "_mask_t");
    }

    /// <summary>Forward pass through the target head: images N × C × H × W → N × outputs.</summary>
    public override Tensor forward(Tensor input) => forward(input, YieldHead.Target, null);

    /// <summary>Forward pass through the chosen head.</summary>
    /// <param name="input">Images N × C × H × W.</param>
    /// <param name="which">The head to use.</param>
    /// <param name="weightOf">
    /// The weight to use for each prunable layer (e.g. the masked weight); null uses the layers' own weights.
    /// </param>
    /// <returns>N × <see cref="YieldCnnOptions.OutputCount"/>.</returns>
    public Tensor forward(Tensor input, YieldHead which, Func<PrunableLayer, Tensor>? weightOf)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (which == YieldHead.Source && source_head is null)
        {
            throw new InvalidOperationException("This network has no source head: build it with YieldCnnOptions.HasSourceHead = true.");
        }

        if (weightOf is null)
        {
            // The plain path calls the layers themselves; only substituted (e.g. masked) weights need the functional ops.
            var features = TrunkFeatures(input, conv1.forward, conv2.forward, conv3.forward, fc1.forward);
            return which == YieldHead.Target ? head.forward(features) : source_head!.forward(features);
        }

        Tensor Weight(string layer) => weightOf(_layers[layer]);
        var maskedFeatures = TrunkFeatures(
            input,
            x => nn.functional.conv2d(x, Weight(nameof(conv1)), conv1.bias, Stride, Padding, Dilation),
            x => nn.functional.conv2d(x, Weight(nameof(conv2)), conv2.bias, Stride, Padding, Dilation),
            x => nn.functional.conv2d(x, Weight(nameof(conv3)), conv3.bias, Stride, Padding, Dilation),
            x => nn.functional.linear(x, Weight(nameof(fc1)), fc1.bias));
        return which == YieldHead.Target
            ? nn.functional.linear(maskedFeatures, Weight(nameof(head)), head.bias)
            : nn.functional.linear(maskedFeatures, Weight(nameof(source_head)), source_head!.bias);
    }

    // conv → BN → ReLU three times, flatten, hidden layer → ReLU; the four weighted ops are supplied by the caller.
    private Tensor TrunkFeatures(
        Tensor input, Func<Tensor, Tensor> convolve1, Func<Tensor, Tensor> convolve2, Func<Tensor, Tensor> convolve3, Func<Tensor, Tensor> hidden)
    {
        var x = nn.functional.relu(bn1.forward(convolve1(input)));
        x = nn.functional.relu(bn2.forward(convolve2(x)));
        x = nn.functional.relu(bn3.forward(convolve3(x)));
        return nn.functional.relu(hidden(x.flatten(1)));
    }
}
