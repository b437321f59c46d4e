using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>The training loss of every method: mean squared error in GPa² (regression) or cross-entropy over the classes.</summary>
internal static class YieldLoss
{
    /// <summary>The loss of <paramref name="output"/> (N × 1, or N × classes logits) against <paramref name="labels"/>.</summary>
    public static Tensor Of(YieldTask task, Tensor output, Tensor labels) =>
        task == YieldTask.Regression
            ? nn.functional.mse_loss(output, labels)
            : nn.functional.cross_entropy(output, labels);
}
