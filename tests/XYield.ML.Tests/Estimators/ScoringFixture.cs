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

    /// <summary>
    /// How far two scores of one row may differ between batch sizes: 0 (bit for bit) on Intel CPUs, where MKL's strict
    /// reproducibility mode (set by the library) holds; on other x86 CPUs MKL does not honour it fully (an AMD EPYC gave
    /// differences of up to about 25 units in the last place, some 5e-8 GPa), so 1e-6 there.
    /// </summary>
    public static double AllowedDifference { get; } = IsIntel() ? 0 : 1e-6;

    /// <summary>Equal float bits, or floats within <see cref="AllowedDifference"/> of each other.</summary>
    public static NUnit.Framework.Constraints.EqualConstraint SameScores(IEnumerable<int> expected) =>
        Is.EqualTo(expected).Using<int>((a, b) => a == b || Math.Abs(BitConverter.Int32BitsToSingle(a) - (double)BitConverter.Int32BitsToSingle(b)) <= AllowedDifference);

    private static bool IsIntel()
    {
        if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported)
        {
            return false;
        }

        var (_, ebx, ecx, edx) = System.Runtime.Intrinsics.X86.X86Base.CpuId(0, 0);
        var vendor = string.Concat(new[] { ebx, edx, ecx }.Select(r => System.Text.Encoding.ASCII.GetString(BitConverter.GetBytes(r))));
        return vendor == "GenuineIntel";
    }
}
