using XYield.ML.Models;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>
/// The method-specific part of one training stage, plugged into <see cref="EpochLoop"/> the way ML.NET's
/// <c>TorchSharpBaseTrainer.TrainStep</c> calls overridable hooks: the loop owns the epochs, the per-step dispose scope,
/// the divergence check, progress and cancellation; a stage says how a step computes its loss and how it updates.
/// </summary>
internal abstract class TrainingStage : IDisposable
{
    /// <summary>Steps per epoch.</summary>
    public abstract int StepsPerEpoch { get; }

    /// <summary>What a divergence message suggests, e.g. "lower the learning rate or check the data".</summary>
    public virtual string DivergenceAdvice => "lower the learning rate or check the data";

    /// <summary>
    /// The weights that predictions between epochs use (the masks or gates the stage trains with); null for the plain weights.
    /// Read at the end of every epoch.
    /// </summary>
    public virtual Func<PrunableLayer, Tensor>? PredictionWeights => null;

    /// <summary>Prepares epoch <paramref name="epoch"/> (0-based): schedules and shuffling.</summary>
    /// <returns>The learning rate progress reports for this epoch.</returns>
    public abstract double BeginEpoch(int epoch);

    /// <summary>The loss of step <paramref name="step"/> (inside the step's dispose scope), and the samples the step used.</summary>
    public abstract (Tensor Loss, int Samples) Loss(int step);

    /// <summary>Updates the parameters from the step's loss; called only when the loss is finite.</summary>
    public abstract void Update(Tensor loss);

    /// <summary>After the last epoch, with the network in evaluation mode (e.g. freezes learned masks).</summary>
    public virtual void Finish()
    {
    }

    /// <summary>Releases what the stage allocated (optimisers, batch buffers, mask scores).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases native resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
