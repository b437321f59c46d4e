using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using XYield.ML.Chemistry;
using XYield.ML.Data;
using XYield.ML.Data.Experimental;
using XYield.ML.Models;

namespace XYield.ML.Benchmark.Baselines;

/// <summary>
/// A classical baseline: LightGBM, FastTree or a random forest (FastForest) on the 11 palette fractions and the
/// temperature, optionally with the Maresca–Curtin estimate as a 13th feature. Regression predicts GPa; classification trains a multiclass model on
/// the five classes (only the classes present in the training part can be predicted).
/// </summary>
public sealed class TreeBaseline : IBenchmarkMethod
{
    private const string LabelColumn = "Label";
    private const string FeaturesColumn = nameof(TreeFeatureRow.Features);

    /// <summary>Creates the baseline.</summary>
    public TreeBaseline(TreeLearner learner, bool withMarescaCurtin, TreeSettings? settings = null)
    {
        Learner = learner;
        WithMarescaCurtin = withMarescaCurtin;
        Settings = settings ?? (learner == TreeLearner.FastForest ? TreeSettings.Forest : TreeSettings.SmallData);
    }

    /// <summary>The tree trainer.</summary>
    public TreeLearner Learner { get; }

    /// <summary>Whether the Maresca–Curtin estimate is a feature.</summary>
    public bool WithMarescaCurtin { get; }

    /// <summary>The tree settings.</summary>
    public TreeSettings Settings { get; }

    /// <inheritdoc />
    public string Name => Learner switch
    {
        TreeLearner.LightGbm => "lgbm",
        TreeLearner.FastTree => "fasttree",
        _ => "forest",
    } + (WithMarescaCurtin ? "+mc" : "");

    /// <inheritdoc />
    public string DisplayName => Learner switch
    {
        TreeLearner.LightGbm => "LightGBM",
        TreeLearner.FastTree => "FastTree",
        _ => "Random forest",
    } + (WithMarescaCurtin ? " + MC feature" : "");

    /// <inheritdoc />
    public bool Supports(YieldTask task) => true;

    /// <inheritdoc />
    public IReadOnlyList<double> Predict(BenchmarkFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var ml = new MLContext(fit.Seed);
        var train = ToDataView(ml, fit.Train);
        var test = ToDataView(ml, fit.Test);
        return fit.Task == YieldTask.Regression ? Regress(ml, train, test, fit.Seed) : Classify(ml, fit, train, test);
    }

    private double[] Regress(MLContext ml, IDataView train, IDataView test, int seed)
    {
        IEstimator<ITransformer> trainer = Learner switch
        {
            TreeLearner.FastForest => ml.Regression.Trainers.FastForest(
                Trees(new FastForestRegressionTrainer.Options { LabelColumnName = nameof(TreeFeatureRow.YieldStrength), FeatureFraction = 1 }, seed)),
            TreeLearner.LightGbm => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = nameof(TreeFeatureRow.YieldStrength),
                FeatureColumnName = FeaturesColumn,
                NumberOfLeaves = Settings.Leaves,
                MinimumExampleCountPerLeaf = Settings.MinimumExamplesPerLeaf,
                NumberOfIterations = Settings.Rounds,
                LearningRate = Settings.LearningRate,
                NumberOfThreads = 1,
                Seed = seed,
                Silent = true,
            }),
            _ => ml.Regression.Trainers.FastTree(Boosted(new FastTreeRegressionTrainer.Options { LabelColumnName = nameof(TreeFeatureRow.YieldStrength) }, seed)),
        };
        var scored = trainer.Fit(train).Transform(test);
        return scored.GetColumn<float>("Score").Select(v => (double)v).ToArray();
    }

    private double[] Classify(MLContext ml, BenchmarkFit fit, IDataView train, IDataView test)
    {
        // Keys are the classes seen in training, in value order; a split with one class has nothing to learn.
        var seen = fit.Train.Select(p => YieldLabels.ClassOf(p.YieldStrengthGpa)).Distinct().Order().ToArray();
        if (seen.Length == 1)
        {
            return Enumerable.Repeat((double)seen[0], fit.Test.Count).ToArray();
        }

        var pipeline = ml.Transforms.Conversion.MapValueToKey(LabelColumn, nameof(TreeFeatureRow.Class), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(MulticlassTrainer(ml, fit.Seed));
        var scored = pipeline.Fit(train).Transform(test);
        return scored.GetColumn<uint>("PredictedLabel").Select(k => (double)seen[(int)k - 1]).ToArray();
    }

    private IEstimator<ITransformer> MulticlassTrainer(MLContext ml, int seed) => Learner switch
    {
        TreeLearner.FastForest => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastForest(Trees(new FastForestBinaryTrainer.Options { FeatureFraction = 1 }, seed)), LabelColumn),
        TreeLearner.LightGbm => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            NumberOfLeaves = Settings.Leaves,
            MinimumExampleCountPerLeaf = Settings.MinimumExamplesPerLeaf,
            NumberOfIterations = Settings.Rounds,
            LearningRate = Settings.LearningRate,
            NumberOfThreads = 1,
            Seed = seed,
            Silent = true,
        }),
        _ => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.FastTree(Boosted(new FastTreeBinaryTrainer.Options(), seed)), LabelColumn),
    };

    // The settings FastTree's boosted trees and FastForest's bagged trees share; one thread keeps runs reproducible.
    private T Trees<T>(T options, int seed)
        where T : TreeOptions
    {
        options.FeatureColumnName = FeaturesColumn;
        options.NumberOfLeaves = Settings.Leaves;
        options.MinimumExampleCountPerLeaf = Settings.MinimumExamplesPerLeaf;
        options.NumberOfTrees = Settings.Rounds;
        options.NumberOfThreads = 1;
        options.Seed = seed;
        return options;
    }

    private T Boosted<T>(T options, int seed)
        where T : BoostedTreeOptions
    {
        Trees(options, seed).LearningRate = Settings.LearningRate;
        return options;
    }

    private IDataView ToDataView(MLContext ml, ExperimentalDataSet points)
    {
        var width = Palette.Count + 1 + (WithMarescaCurtin ? 1 : 0);
        var rows = points.Select(p =>
        {
            var features = new float[width];
            var fractions = p.Composition.ToPaletteFractions();
            for (var i = 0; i < Palette.Count; i++)
            {
                features[i] = (float)fractions[i];
            }

            features[Palette.Count] = (float)p.TemperatureKelvin;
            if (WithMarescaCurtin)
            {
                features[Palette.Count + 1] = (float)MarescaCurtinEstimates.Of(p);
            }

            return new TreeFeatureRow { Features = features, YieldStrength = (float)p.YieldStrengthGpa, Class = YieldLabels.ClassOf(p.YieldStrengthGpa) };
        }).ToList();

        var schema = SchemaDefinition.Create(typeof(TreeFeatureRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}
