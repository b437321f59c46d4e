using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>The settings of one fit, validated, with the seed and threads applied and the device resolved.</summary>
/// <param name="Network">The architecture.</param>
/// <param name="Stage">The stage settings.</param>
/// <param name="Options">Device request, seed, feedback and cancellation.</param>
/// <param name="OnTarget">Whether the fit trains on the target data (everything but pre-training).</param>
/// <param name="Device">The device the fit runs on.</param>
internal sealed record FitSettings(YieldCnnOptions Network, StageOptions Stage, TrainingOptions Options, bool OnTarget, Device Device)
{
    /// <summary>Target epochs done; one object shared by the <c>with</c> copies of IMP rounds, so the count runs across rounds.</summary>
    public EpochCount TargetEpochs { get; init; } = new();

    /// <summary>A mutable epoch counter.</summary>
    internal sealed class EpochCount
    {
        /// <summary>The count.</summary>
        public int Value { get; set; }
    }
}
