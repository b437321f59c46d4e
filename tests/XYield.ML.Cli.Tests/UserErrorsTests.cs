using System.Reflection;
using XYield.ML.Runtime;
using XYield.ML.Training;

namespace XYield.ML.Cli.Tests;

[TestFixture]
public sealed class UserErrorsTests
{
    private const string Divergence = "Fine-tuning diverged at epoch 3, step 7: the loss is NaN. Lower the learning rate or the epochs.";

    [Test]
    public void A_diverged_training_run_is_one_line_with_its_message_and_exit_code_1()
    {
        var e = new TrainingDivergedException(Divergence);

        Assert.That(UserErrors.IsUserError(e), Is.True);
        Assert.That(UserErrors.Describe(e), Is.EqualTo(Divergence));
        Assert.That(UserErrors.ExitCode(e), Is.EqualTo(1));
    }

    [Test]
    public void Wrapped_user_errors_are_unwrapped()
    {
        var wrapped = new TargetInvocationException(new AggregateException(new TrainingDivergedException(Divergence)));

        Assert.That(UserErrors.IsUserError(wrapped), Is.True);
        Assert.That(UserErrors.Describe(wrapped), Is.EqualTo(Divergence));
        Assert.That(UserErrors.ExitCode(new AggregateException(new OperationCanceledException())), Is.EqualTo(130));
    }

    [Test]
    public void An_unavailable_device_says_to_use_device_cpu_and_where_a_cuda_build_is_explained()
    {
        var e = new DeviceUnavailableException("cuda", "CUDA is not available (reference a TorchSharp-cuda-* backend)");

        Assert.That(UserErrors.IsUserError(e), Is.True);
        Assert.That(UserErrors.Describe(e), Is.EqualTo("--device cuda cannot be used: CUDA is not available (reference a TorchSharp-cuda-* backend). Use --device cpu or --device auto; 'xyield doctor' says how to get a CUDA build of the tool."));
    }

    [Test]
    public void A_message_of_several_lines_becomes_one() =>
        Assert.That(UserErrors.Describe(new ArgumentOutOfRangeException("gamma", double.PositiveInfinity, "γ·λ_m must be finite.")),
            Does.StartWith("γ·λ_m must be finite.").And.Contain("Actual value was").And.Not.Contain("\n"));

    [Test]
    public void Bugs_keep_their_stack_trace()
    {
        Assert.That(UserErrors.IsUserError(new KeyNotFoundException()), Is.False);
        Assert.That(UserErrors.IsUserError(new AggregateException(new InvalidOperationException(), new ArgumentException())), Is.False);
    }
}
