using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using XYield.ML.Estimators;
using XYield.ML.Models;

namespace XYield.ML.Tests.Estimators;

/// <summary>
/// Transformers over freshly initialised networks of the default architecture (no training: scoring does not care
/// whether the weights are good) and featurised alloy images to score.
/// </summary>
internal static class ScoringFixture
{
    public static readonly string[] ClassNames = ["c1", "c2", "c3", "c4", "c5"];

    public sealed class AlloyRow
    {
        public int Id { get; set; }

        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }

    public sealed class ImageRow
    {
        [VectorType(324)]
        public float[] Image { get; set; } = [];
    }

    public sealed class RegressionScore
    {
        public float Score { get; set; }
    }

    public sealed class ClassScore
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }

    /// <summary>A transformer reading "Image" with the default 32/64/64 network, seeded.</summary>
    public static YieldCnnPredictionTransformer Transformer(YieldTask task, int seed = 1)
    {
        torch.manual_seed(seed);
        var network = new YieldCnn(new YieldCnnOptions { Task = task });
        return new YieldCnnPredictionTransformer(new TrainedYieldModel(network, torch.CPU), "Image", task == YieldTask.Classification ? ClassNames : []);
    }

    public static AlloyRow[] Alloys(int count, int seed = 1)
    {
        var random = new Random(seed);
        string[] formulas = ["MoNbTaW", "HfNbTaTiZr", "MoNbTaTi", "CrMoNbV", "AlMoNbTaTiZr", "NbTaTiV", "Mo25Nb25Ta25Zr25", "Al0.5CrNbTi"];
        return Enumerable.Range(0, count)
            .Select(i => new AlloyRow { Id = i, Formula = formulas[random.Next(formulas.Length)], Temperature = 300 + (float)(random.NextDouble() * 1500) })
            .ToArray();
    }

    /// <summary>Id, Formula, Temperature, Fractions and Image of the alloys, featurised lazily.</summary>
    public static IDataView Images(MLContext ml, IEnumerable<AlloyRow> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.FeaturizeComposition().Append(ml.Transforms.FeaturizePseudoImage()).Fit(data).Transform(data);
    }

    /// <summary>Float bits, so that comparisons are exact and failures show which rows differ.</summary>
    public static int[] Bits(IEnumerable<float> values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
