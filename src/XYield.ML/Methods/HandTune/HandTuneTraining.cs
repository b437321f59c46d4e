using TorchSharp;
using XYield.ML.Models;
using XYield.ML.Models.Masking;
using XYield.ML.Training;
using static TorchSharp.torch;

namespace XYield.ML.Methods.HandTune;

// Hand-Tune (Chen et al., CPAL 2024, Algorithm 1): iterative magnitude pruning in pre-training (m_s) and in transfer (m_t).
internal static class HandTuneTraining
{
    /// <summary>See <see cref="TrainingEngine.PretrainSparse"/>.</summary>
    /// <param name="source">The simulated data.</param>
    /// <param name="network">The architecture; null for the defaults.</param>
    /// <param name="stage">The pre-training stage; null for the paper's.</param>
    /// <param name="sparsity">The IMP settings; null for the defaults.</param>
    /// <param name="options">Device, seed, progress; null for the defaults.</param>
    /// <param name="completed">
    /// Gets a CPU copy of the network after each round count r &lt; N_s (0: the dense phase), which it owns: the network
    /// <see cref="PretrainSparse"/> with r rounds returns. The store keeps them, so an interrupted run resumes there.
    /// </param>
    internal static PretrainedNetwork PretrainSparse(
        TrainingSet source, YieldCnnOptions? network = null, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null,
        Action<int, PretrainedNetwork>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        sparsity = SparsityOptions.ValidatedOrDefault(sparsity);
        return Fits.Run(
            Fits.PretrainingStart(source, network, stage, options),
            (model, fit) => RunPretrainingRounds(model, source, fit, sparsity, Copies(sparsity, completed)),
            (model, _) => new PretrainedNetwork(model.to(CPU)));
    }

    /// <summary>
    /// The IMP rounds of <see cref="PretrainSparse"/> after the first <paramref name="startRound"/> on a clone of
    /// <paramref name="start"/>, the network <see cref="PretrainSparse"/> returns with that many rounds (0: its dense phase)
    /// for the same source, stage and options: the result equals <see cref="PretrainSparse"/>'s, at the cost of the remaining
    /// rounds only (each round reshuffles from the seed, prunes by the weights it is given and consumes no torch
    /// randomness). The store uses it when a network with fewer rounds is already stored. <paramref name="completed"/>: as
    /// <see cref="PretrainSparse"/>'s, for the round counts from <paramref name="startRound"/> + 1 to N_s − 1.
    /// </summary>
    internal static PretrainedNetwork PretrainSparseFrom(
        PretrainedNetwork start, int startRound, TrainingSet source, StageOptions stage, SparsityOptions sparsity, TrainingOptions? options,
        Action<int, PretrainedNetwork>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sparsity);
        sparsity.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(startRound);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(startRound, sparsity.PretrainingRounds);
        return Fits.Run(
            new FitStart(start.NetworkOptions, stage, options, OnTarget: false) { From = start, Data = [(source, nameof(source))] },
            (model, fit) => RunPruningRounds(model, source, fit, sparsity, Copies(sparsity, completed), startRound),
            (model, _) => new PretrainedNetwork(model.to(CPU)));
    }

    // The afterRound callback that hands a CPU copy of every intermediate round count (not the last: the fit returns it).
    private static Action<int, YieldCnn>? Copies(SparsityOptions sparsity, Action<int, PretrainedNetwork>? completed) =>
        completed is null ? null : (round, model) =>
        {
            if (round < sparsity.PretrainingRounds)
            {
                completed(round, new PretrainedNetwork(HandTuneSnapshots.CopyToCpu(model)));
            }
        };

    // Dense pre-training then N_s IMP rounds; afterRound(r, model) sees the network after r rounds (r = 0: dense), so a caller can
    // snapshot every N_s ≤ the maximum from one run (the rounds consume no torch randomness, so a snapshot equals a shorter run).
    internal static void RunPretrainingRounds(
        YieldCnn model, TrainingSet source, FitSettings fit, SparsityOptions sparsity, Action<int, YieldCnn>? afterRound)
    {
        OptimizerStage.Run("pretraining", model, source, fit);
        afterRound?.Invoke(0, model);
        RunPruningRounds(model, source, fit, sparsity, afterRound);
    }

    internal static void RunPruningRounds(
        YieldCnn model, TrainingSet source, FitSettings fit, SparsityOptions sparsity, Action<int, YieldCnn>? afterRound, int startRound = 0)
    {
        var round = fit with { Stage = fit.Stage with { MaxEpoch = sparsity.PretrainingRoundEpochs ?? fit.Stage.MaxEpoch } };
        for (var r = startRound; r < sparsity.PretrainingRounds; r++)
        {
            PruneRound(model, MaskStage.Source, sparsity);
            RunMasked($"pretraining (IMP round {r + 1})", model, source, round);
            afterRound?.Invoke(r + 1, model);
        }
    }

    /// <summary>
    /// See <see cref="TrainingEngine.FineTuneSparse"/>; <paramref name="lastStageStop"/> stops the last stage (the last
    /// transfer round, or the fine-tuning when N_t = 0) after that epoch, as epoch selection chose; the earlier ones run in full.
    /// </summary>
    internal static TrainedYieldModel FineTuneSparse(
        PretrainedNetwork pretrained, TrainingSet target, StageOptions? stage = null, SparsityOptions? sparsity = null, TrainingOptions? options = null,
        int? lastStageStop = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        sparsity = SparsityOptions.ValidatedOrDefault(sparsity);
        return Fits.Run(
            Fits.TransferStart(pretrained, stage, options, (target, nameof(target))),
            (model, fit) => RunTransferRounds(model, target, fit, sparsity, afterRound: null, lastStageStop),
            (model, fit) => new TrainedYieldModel(model, fit.Device));
    }

    // Fine-tuning with m_s fixed then N_t IMP rounds into m_t; afterRound(r, model) sees the network after r rounds (r = 0: no
    // transfer pruning yet), so one run can be evaluated for every N_t ≤ the maximum. lastStageStop: see FineTuneSparse.
    internal static void RunTransferRounds(
        YieldCnn model, TrainingSet target, FitSettings fit, SparsityOptions sparsity, Action<int, YieldCnn>? afterRound, int? lastStageStop = null)
    {
        FitSettings Last(FitSettings settings) => lastStageStop is { } stop ? settings with { Stage = settings.Stage with { StopAfterEpoch = stop } } : settings;
        var rounds = sparsity.TransferRounds;
        RunMasked("fine-tuning", model, target, rounds == 0 ? Last(fit) : fit);
        afterRound?.Invoke(0, model);
        var round = fit with { Stage = fit.Stage with { MaxEpoch = sparsity.TransferRoundEpochs ?? fit.Stage.MaxEpoch } };
        for (var r = 0; r < rounds; r++)
        {
            PruneRound(model, MaskStage.Transfer, sparsity);
            RunMasked($"fine-tuning (IMP round {r + 1})", model, target, r == rounds - 1 ? Last(round) : round);
            afterRound?.Invoke(r + 1, model);
        }
    }

    /// <summary>See <see cref="TrainingEngine.HandTune"/>.</summary>
    internal static TrainedYieldModel HandTune(
        TrainingSet source,
        TrainingSet target,
        YieldCnnOptions? network = null,
        StageOptions? pretraining = null,
        StageOptions? fineTuning = null,
        SparsityOptions? sparsity = null,
        TrainingOptions? options = null)
    {
        using var pretrained = PretrainSparse(source, network, pretraining, sparsity, options);
        return FineTuneSparse(pretrained, target, fineTuning, sparsity, options);
    }

    // Training with W ⊙ m_s ⊙ m_t in the forward pass, so pruned weights get zero gradient; the masks are re-applied after
    // every step so that optimiser terms not driven by the gradient (weight decay, momentum) cannot revive a pruned weight.
    internal static void RunMasked(string stageName, YieldCnn model, TrainingSet data, FitSettings fit) =>
        OptimizerStage.Run(stageName, model, data, fit, model.HardMaskedWeight, model.Bake);

    /// <summary>
    /// One IMP round: m_s loses a fraction of its kept weights; m_t loses a fraction of the weights m_s ⊙ m_t keeps
    /// (so transfer pruning is restricted to the pre-training survivors). The pruned weights are then zeroed.
    /// </summary>
    internal static void PruneRound(YieldCnn model, MaskStage stage, SparsityOptions sparsity)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var rule = MaskRule.RemoveLeastImportant(sparsity.PruningRate, sparsity.Scope);
        if (stage == MaskStage.Source)
        {
            var pruned = rule.Next(model.PrunableLayers, MaskImportance.Magnitude, l => model.Mask(l, MaskStage.Source));
            foreach (var layer in model.PrunableLayers)
            {
                model.Mask(layer, MaskStage.Source).copy_(pruned[layer.Name]);
            }
        }
        else
        {
            var joint = model.PrunableLayers.ToDictionary(l => l.Name, l => model.Mask(l, MaskStage.Source) * model.Mask(l, MaskStage.Transfer));
            var pruned = rule.Next(model.PrunableLayers, MaskImportance.Magnitude, l => joint[l.Name]);
            foreach (var layer in model.PrunableLayers)
            {
                // joint − pruned is 1 exactly where this round removed a weight.
                model.Mask(layer, MaskStage.Transfer).sub_(joint[layer.Name] - pruned[layer.Name]);
            }
        }

        model.Bake();
    }
}
