using XYield.ML.Runtime;

namespace XYield.ML.Cli.Tests.Commands;

/// <summary>Requests the machine cannot meet, and sizes that would exhaust memory, end in one line and exit code 1.</summary>
[TestFixture]
public sealed class OneLineErrorTests
{
    [TestCase("np", "cuda")]
    [TestCase("pt", "cuda:1")]
    public void A_cuda_device_without_cuda_is_one_line_naming_device_cpu(string method, string device)
    {
        Assume.That(TorchBackend.IsCudaAvailable, Is.False, "this test needs a machine without CUDA");

        var result = CliProcess.Run(TestPaths.CliOutput, null, "train", "--method", method, "--device", device, "--simulated", "100", "--finetune-epochs", "1");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError, Does.Not.Contain("   at "));
        Assert.That(result.StandardError.Trim().Split('\n')[^1], Does.StartWith($"error: --device {device} cannot be used: CUDA is not available")
            .And.EndWith("Use --device cpu or --device auto; 'xyield doctor' says how to get a CUDA build of the tool."));
    }

    [TestCase("--simulated", "2000000000", "--simulated must be from 16 to 1,000,000 simulated points (at least one pre-training batch of 16) (got 2000000000).")]
    [TestCase("--simulated", "15", "--simulated must be from 16 to 1,000,000 simulated points")]
    [TestCase("--pretrain-epochs", "0", "--pretrain-epochs must be at least 1 pre-training epoch(s) (got 0).")]
    [TestCase("--seed", "-1", "--seed must be at least 0 seed (got -1).")]
    [TestCase("--source-rounds", "two", "--source-rounds must be a whole number of IMP rounds, at least 0 (got 'two').")]
    [TestCase("--finetune-epochs", "99999999999", "--finetune-epochs must be at least 1 fine-tuning epoch(s) (got 99999999999).")]
    [TestCase("--birpt-target", "1", "--birpt-target must be below 1, the fraction of the gated weights to remove (got '1').")]
    [TestCase("--birpt-ranking", "size", "--birpt-ranking 'size' is not a choice: expected weights or scores.")]
    [TestCase("--birpt-gamma", "1e308", "--birpt-gamma × --birpt-mask-lr must be a finite number (got 1E+308 × 3.5); choose smaller values.")]
    public void Train_values_out_of_range_are_refused_before_anything_is_allocated(string option, string value, string message)
    {
        var result = CliProcess.Run(TestPaths.CliOutput, null, "train", "--method", "birpt", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim(), Is.EqualTo("error: " + message).Or.StartWith("error: " + message));
        Assert.That(result.StandardError.Trim(), Does.Not.Contain("\n"));
    }

    [TestCase("--task", "classification", "--method pt-forest+mc predicts yield strengths: use it with --task regression")]
    [TestCase("--calibrate", null, "--method pt-forest+mc always calibrates its standard deviation")]
    [TestCase("--cv-epoch", null, "--method pt-forest+mc always calibrates its standard deviation")]
    [TestCase("--folds", "1", "--folds must be at least 2 cross-validation folds (got 1).")]
    public void The_recommended_method_refuses_what_it_cannot_do_in_one_line(string option, string? value, string message)
    {
        var result = value is null
            ? CliProcess.Run(TestPaths.CliOutput, null, "train", "--method", "pt-forest+mc", option)
            : CliProcess.Run(TestPaths.CliOutput, null, "train", "--method", "pt-forest+mc", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim(), Does.StartWith("error: " + message));
        Assert.That(result.StandardError.Trim(), Does.Not.Contain("\n"));
    }
}
