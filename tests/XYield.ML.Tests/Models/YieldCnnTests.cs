using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Runtime;
using static TorchSharp.torch;

namespace XYield.ML.Tests.Models;

[TestFixture]
[NonParallelizable]
public sealed class YieldCnnTests
{
    [SetUp]
    public void LoadBackend() => TorchBackend.EnsureAvailable();

    [Test]
    public void Default_regression_network_maps_pseudo_images_to_one_value_each()
    {
        using var scope = NewDisposeScope();
        using var network = new YieldCnn(new YieldCnnOptions());

        var output = network.forward(rand(3, 2, 9, 18));

        Assert.That(output.shape, Is.EqualTo(new long[] { 3, 1 }));
        Assert.That(network.PrunableLayers.Select(l => l.Name), Is.EqualTo(new[] { "conv1", "conv2", "conv3", "fc1", "head" }));
        Assert.That(network.PrunableLayers.Select(l => l.Weight.shape), Is.EqualTo(new[]
        {
            new long[] { 32, 2, 3, 3 }, [64, 32, 3, 3], [64, 64, 3, 3], [128, 64 * 9 * 18], [1, 128],
        }));
    }

    [Test]
    public void Two_head_classifier_has_five_logits_per_head_and_custom_widths()
    {
        using var scope = NewDisposeScope();
        var options = new YieldCnnOptions
        {
            ConvolutionWidths = [8, 16, 4], HiddenWidth = 10, Task = YieldTask.Classification, HasSourceHead = true,
        };
        using var network = new YieldCnn(options);
        var input = rand(2, 2, 9, 18);

        var target = network.forward(input, YieldHead.Target, null);
        var source = network.forward(input, YieldHead.Source, null);

        Assert.That(target.shape, Is.EqualTo(new long[] { 2, 5 }));
        Assert.That(source.shape, Is.EqualTo(new long[] { 2, 5 }));
        Assert.That(network.PrunableLayers[^1].Name, Is.EqualTo("source_head"));
        Assert.That(network.PrunableLayers[3].Weight.shape, Is.EqualTo(new long[] { 10, 4 * 9 * 18 }));
        Assert.That(network.named_parameters().Select(p => p.name), Does.Contain("source_head.weight").And.Contain("bn3.bias"));
        Assert.That(network.named_buffers().Select(b => b.name), Does.Contain("bn1.running_mean"));
        Assert.That(target.equal(source).all().item<bool>(), Is.False, "the heads are independent layers");
    }

    [Test]
    public void Source_head_of_a_single_head_network_is_refused()
    {
        using var scope = NewDisposeScope();
        using var network = new YieldCnn(new YieldCnnOptions { ConvolutionWidths = [2, 2, 2], HiddenWidth = 4 });

        Assert.That(
            () => network.forward(rand(1, 2, 9, 18), YieldHead.Source, null),
            Throws.InvalidOperationException.With.Message.Contains("HasSourceHead"));
    }

    [Test]
    public void Forward_uses_the_weights_it_is_given_for_prunable_layers()
    {
        using var scope = NewDisposeScope();
        using var network = new YieldCnn(new YieldCnnOptions { ConvolutionWidths = [2, 2, 2], HiddenWidth = 4 });
        network.eval();
        var input = rand(4, 2, 9, 18);
        var headBias = network.named_parameters().Single(p => p.name == "head.bias").parameter;

        var own = network.forward(input, YieldHead.Target, layer => layer.Weight);
        var plain = network.forward(input);
        var zeroHead = network.forward(input, YieldHead.Target, layer => layer.Name == "head" ? zeros_like(layer.Weight) : layer.Weight);

        Assert.That(own.equal(plain).all().item<bool>(), Is.True);
        Assert.That(zeroHead.squeeze(1).data<float>().ToArray(), Has.All.EqualTo(headBias.item<float>()));
    }

    [Test]
    public void Invalid_widths_are_refused_naming_the_option()
    {
        Assert.That(
            () => new YieldCnn(new YieldCnnOptions { ConvolutionWidths = [32, 64] }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("ConvolutionWidths"));
        Assert.That(
            () => new YieldCnn(new YieldCnnOptions { HiddenWidth = 0 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("HiddenWidth"));
        Assert.That(
            () => new YieldCnn(new YieldCnnOptions { Task = YieldTask.Classification, ClassCount = 1 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("ClassCount"));
    }
}
