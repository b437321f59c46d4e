using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Methods.HandTune;

// The two shared runs behind PruningRoundsSearch: one sparse pre-training snapshotted after every IMP round, and one sparse
// fine-tune evaluated after every IMP round. Both run the same code as PretrainSparse / FineTuneSparse.
internal static class HandTuneSnapshots
{
    /// <summary>
    /// One <see cref="TrainingEngine.PretrainSparse"/> run with max(<paramref name="rounds"/>) IMP rounds, keeping a copy of the network
    /// after each listed round count. The copy for N_s rounds equals <c>PretrainSparse</c> with exactly N_s rounds (same seed).
    /// </summary>
    /// <returns>Round count → pre-trained network (on the CPU); the caller disposes them.</returns>
    internal static Dictionary<int, PretrainedNetwork> PretrainSparseSnapshots(
        TrainingSet source, IReadOnlyCollection<int> rounds, YieldCnnOptions? network, StageOptions? stage, SparsityOptions sparsity, TrainingOptions? options)
    {
        var snapshots = new Dictionary<int, PretrainedNetwork>();
        return Fits.Run(
            Fits.PretrainingStart(source, network, stage, options),
            (model, fit) =>
            {
                try
                {
                    HandTuneTraining.RunPretrainingRounds(model, source, fit, sparsity with { PretrainingRounds = rounds.Max() }, (round, trained) =>
                    {
                        if (rounds.Contains(round))
                        {
                            snapshots[round] = new PretrainedNetwork(CopyToCpu(trained));
                        }
                    });
                }
                catch
                {
                    foreach (var snapshot in snapshots.Values)
                    {
                        snapshot.Dispose();
                    }

                    throw;
                }
            },
            (model, _) =>
            {
                model.Dispose();
                return snapshots;
            });
    }

    /// <summary>
    /// One <see cref="TrainingEngine.FineTuneSparse"/> run with <see cref="SparsityOptions.TransferRounds"/> IMP rounds that predicts
    /// <paramref name="images"/> after each round: element r holds what <c>FineTuneSparse</c> with exactly r rounds would
    /// predict (N values, or N × classes probabilities). The network is released at the end.
    /// </summary>
    internal static float[][] FineTuneSparsePredictions(
        PretrainedNetwork pretrained, TrainingSet target, float[] images, StageOptions? stage, SparsityOptions sparsity, TrainingOptions? options)
    {
        var predictions = new float[sparsity.TransferRounds + 1][];
        return Fits.Run(
            Fits.TransferStart(pretrained, stage, options, (target, nameof(target))),
            (model, fit) => HandTuneTraining.RunTransferRounds(model, target, fit, sparsity, (round, trained) =>
                predictions[round] = Predictor.Run(trained, fit.Device, images, YieldHead.Target, 256, fit.Network.Task == YieldTask.Classification)),
            (model, _) =>
            {
                model.Dispose();
                return predictions;
            });
    }

    // A CPU copy of the network, weights, masks and batch-norm statistics included. Building the copy draws its (overwritten)
    // initial weights from torch's generator, so the generator state is restored: the run continues as if never interrupted.
    internal static YieldCnn CopyToCpu(YieldCnn model)
    {
        using var state = torch.Generator.Default.get_state();
        var copy = new YieldCnn(model.Options);
        torch.Generator.Default.set_state(state);
        using (no_grad())
        {
            copy.load_state_dict(model.state_dict(), strict: true);
        }

        return copy;
    }
}
