using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
using XYield.ML.Estimators;
using XYield.ML.Models;
using XYield.ML.Screening;
using XYield.ML.Training;
using XYield.ML.Training.CrossValidation;

namespace XYield.ML.Tests.Screening;

/// <summary>Candidate spaces, the streaming top-k against a brute-force sort, criteria, ensembles and cancellation.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ScreeningTests
{
    private static readonly CandidateSpace Small = new()
    {
        Elements = ["Mo", "Nb", "Ta", "W"],
        MinElements = 2,
        MaxElements = 3,
        StepPercent = 10,
        Temperatures = [300, 1500],
    };

    private MLContext _ml = null!;
    private ITransformer[] _models = [];

    private sealed class Row
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }

        public float YieldStrength { get; set; }
    }

    private static Row[] TrainingRows() => Enumerable.Range(0, 16).Select(i => new Row
    {
        Formula = new[] { "MoNbTaW", "MoNbTa", "NbTaW", "MoW" }[i % 4],
        Temperature = 300 + (100 * i),
        YieldStrength = 1.5f - (0.05f * i),
    }).ToArray();

    private static YieldCnnTrainerOptions SmallCnn(int seed) => new()
    {
        LabelColumnName = "YieldStrength",
        Network = new YieldCnnOptions { ConvolutionWidths = [4, 8, 8], HiddenWidth = 16 },
        FineTuning = StageOptions.PaperFineTuning with { MaxEpoch = 2, BatchSize = 8 },
        Pretraining = StageOptions.PaperPretraining with { MaxEpoch = 1, BatchSize = 8 },
        Device = "cpu",
        Seed = seed,
    };

    [OneTimeSetUp]
    public void TrainTwoModels()
    {
        _ml = new MLContext(seed: 0);
        var data = _ml.Data.LoadFromEnumerable(TrainingRows());
        _models = [.. new[] { 1, 2 }.Select(seed => (ITransformer)_ml.Transforms.FeaturizeAlloy()
            .Append(_ml.Regression.Trainers.YieldCnn(SmallCnn(seed)))
            .Fit(data))];
    }

    [OneTimeTearDown]
    public void Dispose()
    {
        foreach (var model in _models)
        {
            (model as IDisposable)?.Dispose();
        }
    }

    [Test]
    public void Counts_match_the_enumeration_and_the_combinatorics()
    {
        // 2 elements: C(4,2)·C(9,1) = 54 alloys; 3 elements: C(4,3)·C(9,2) = 144; two temperatures.
        Assert.That(Small.Count(), Is.EqualTo((54 + 144) * 2));
        Assert.That(Small.Alloys().Count(), Is.EqualTo(54 + 144));
        var bounded = Small with { Bounds = new Dictionary<string, (double, double)> { ["Mo"] = (0.2, 0.5) } };
        Assert.That(bounded.Count(), Is.EqualTo(bounded.Alloys().Count() * 2));
        Assert.That(bounded.Alloys().All(f => f[Palette.IndexOf("Mo")] == 0 || f[Palette.IndexOf("Mo")] is >= 0.2f - 1e-6f and <= 0.5f + 1e-6f));
        Assert.That(CandidateSpace.PaperGrid().Count(), Is.EqualTo(SimulatedGrid.TotalPoints(SimulatedGridVariant.StrictlyPositive)));
    }

    [Test]
    public void Every_alloy_is_a_distinct_composition_on_the_step_summing_to_one()
    {
        var alloys = Small.Alloys().Select(f => f.ToArray()).ToArray();

        Assert.That(alloys.Select(a => string.Join(',', a)).Distinct().Count(), Is.EqualTo(alloys.Length));
        Assert.That(alloys.Select(a => a.Sum()), Is.All.EqualTo(1f).Within(1e-5f));
        Assert.That(alloys.SelectMany(a => a).Where(v => v > 0).Select(v => Math.Round(v * 10, 4) % 1), Is.All.EqualTo(0));
    }

    [Test]
    public void Top_k_equals_a_brute_force_sort_of_every_candidate()
    {
        using var screener = new YieldScreener([_models[0]]);
        var result = screener.Screen(Small, new ScreeningOptions { Top = 12, BatchSize = 7 });

        var brute = BruteForce(_models[0]).OrderByDescending(c => c.Score).Take(12).ToArray();
        Assert.That(result.Evaluated, Is.EqualTo(Small.Count()));
        Assert.That(result.Cancelled, Is.False);
        Assert.That(result.Candidates.Select(c => c.Rank), Is.EqualTo(Enumerable.Range(1, 12)));
        Assert.That(result.Candidates.Select(c => (c.Composition, c.Temperature)), Is.EqualTo(brute.Select(c => (c.Composition, c.Temperature))));
        Assert.That(result.Candidates.Select(c => c.Mean), Is.EqualTo(brute.Select(c => c.Score)).Within(1e-5));
        Assert.That(result.Candidates.Select(c => c.StandardDeviation), Is.All.NaN, "a single model has no spread");
        Assert.That(result.Candidates.Select(c => c.InDomain), Is.All.Null, "the pipeline has no domain");
    }

    [Test]
    public void An_ensemble_gives_the_mean_and_sample_deviation_of_its_members()
    {
        using var screener = new YieldScreener(_models);
        var result = screener.Screen(Small, new ScreeningOptions { Top = 5, Criterion = ScreeningCriterion.LowerBound(2) });

        var first = BruteForce(_models[0]).ToDictionary(c => (c.Composition, c.Temperature), c => c.Score);
        var second = BruteForce(_models[1]).ToDictionary(c => (c.Composition, c.Temperature), c => c.Score);
        foreach (var c in result.Candidates)
        {
            var (a, b) = (first[(c.Composition, c.Temperature)], second[(c.Composition, c.Temperature)]);
            Assert.That(c.Mean, Is.EqualTo((a + b) / 2).Within(1e-5));
            Assert.That(c.StandardDeviation, Is.EqualTo(Math.Abs(a - b) / Math.Sqrt(2)).Within(1e-5));
            Assert.That(c.Score, Is.EqualTo(c.Mean - (2 * c.StandardDeviation)).Within(1e-9));
        }

        Assert.That(result.Candidates.Select(c => c.Score), Is.Ordered.Descending);
    }

    [Test]
    public void An_ensemble_pipeline_gives_its_calibrated_spread_and_the_recommended_model_its_blend()
    {
        var data = _ml.Data.LoadFromEnumerable(TrainingRows());
        var cnn = SmallCnn(seed: 1);
        cnn.EnsembleSize = 2;
        cnn.SpreadCalibration = new SpreadCalibrationOptions { Folds = 2 };
        using var ensemble = _ml.Transforms.FeaturizeAlloy().Append(_ml.Regression.Trainers.YieldCnn(cnn)).Fit(data);
        var images = _ml.Transforms.FeaturizeAlloy().Fit(data).Transform(data);
        using var pretrained = _ml.Regression.Trainers.PretrainYieldCnn(images, SmallCnn(seed: 2));
        var blendOptions = new TransferAndForestTrainerOptions
        {
            LabelColumnName = "YieldStrength",
            Cnn = SmallCnn(seed: 3),
            Forest = new ForestOptions { Trees = 10 },
            SpreadCalibration = new SpreadCalibrationOptions { Folds = 2 },
        };
        using var blend = _ml.Transforms.FeaturizeAlloy().Append(_ml.Regression.Trainers.YieldTransferAndForest(pretrained, blendOptions)).Fit(data);

        foreach (var model in new ITransformer[] { ensemble, blend })
        {
            using var screener = new YieldScreener([model]);
            var result = screener.Screen(Small, new ScreeningOptions { Top = 6, Criterion = ScreeningCriterion.LowerBound(1) });
            var expected = BruteForce(model, YieldCnnPredictionTransformer.StandardDeviationColumnName).ToDictionary(c => (c.Composition, c.Temperature), c => (c.Score, c.Spread));
            Assert.That(screener.HasUncertainty, Is.True);
            foreach (var c in result.Candidates)
            {
                var (score, spread) = expected[(c.Composition, c.Temperature)];
                Assert.That(c.Mean, Is.EqualTo(score).Within(1e-5), $"{model.GetType().Name}: {c.Composition} at {c.Temperature} K");
                Assert.That(c.StandardDeviation, Is.EqualTo(spread).Within(1e-5), $"{model.GetType().Name}: {c.Composition} at {c.Temperature} K");
            }
        }

        Assert.That(ensemble.LastTransformer.SpreadScale, Is.Not.EqualTo(1), "the scale is applied, not only the members' spread");
    }

    [Test]
    public void Criteria_that_need_an_uncertainty_are_refused_for_a_single_model()
    {
        using var screener = new YieldScreener([_models[0]]);
        var error = Assert.Throws<ArgumentException>(() => screener.Screen(Small, new ScreeningOptions { Criterion = ScreeningCriterion.ProbabilityAbove(1) }))!;
        Assert.That(error.Message, Does.Contain("p>1").And.Contain("ensemble"));
    }

    [TestCase("mean", 1.0, 0.5, 1.0)]
    [TestCase("lcb", 1.0, 0.5, 0.5)]
    [TestCase("ucb:2", 1.0, 0.5, 2.0)]
    [TestCase("p>1", 1.0, 0.5, 0.5)]
    [TestCase("p>0.5", 1.0, 0.5, 0.8413447460685429)]
    public void Criteria_parse_and_score(string text, double mean, double std, double expected) =>
        Assert.That(ScreeningCriterion.Parse(text).Score(mean, std), Is.EqualTo(expected).Within(1e-9));

    [TestCase("median")]
    [TestCase("p>")]
    [TestCase("lcb:-1")]
    [TestCase("p>1,2")]
    public void Bad_criteria_are_refused(string text) =>
        Assert.That(() => ScreeningCriterion.Parse(text), Throws.ArgumentException.With.Message.Contains(text));

    [Test]
    public void Cancelling_keeps_a_valid_table_of_what_was_scored()
    {
        using var screener = new YieldScreener([_models[0]]);
        var big = new CandidateSpace { MaxElements = 4, StepPercent = 5, Temperatures = [1500] };
        using var cancel = new CancellationTokenSource();
        var progress = new Progress(_ => cancel.Cancel());

        var result = screener.Screen(big, new ScreeningOptions { Top = 10, BatchSize = 64, Progress = progress }, cancel.Token);

        Assert.That(result.Cancelled, Is.True);
        Assert.That(result.Evaluated, Is.GreaterThan(0).And.LessThan(result.Total));
        Assert.That(result.Candidates, Has.Count.EqualTo(10));
        Assert.That(result.Candidates.Select(c => c.Score), Is.Ordered.Descending);
    }

    [Test]
    public void The_estimate_counts_the_space_and_measures_a_throughput()
    {
        using var screener = new YieldScreener([_models[0]]);
        var estimate = screener.Estimate(Small);

        Assert.That(estimate.Candidates, Is.EqualTo(Small.Count()));
        Assert.That(estimate.CandidatesPerSecond, Is.GreaterThan(0));
        Assert.That(estimate.Duration, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public void A_candidate_csv_keeps_every_row_and_column_in_order_and_says_why_a_row_was_not_scored()
    {
        var folder = Directory.CreateTempSubdirectory("xyield-candidates-").FullName;
        try
        {
            var input = Path.Combine(folder, "candidates.csv");
            File.WriteAllText(input, """
                id,Formula,Temperature_C,note
                1,MoNbTaW,1226.85,"a, quoted"
                2,MoNbTaWX,1226.85,bad formula
                3,CoCrFeNi,26.85,outside the palette
                4,HfNbTaTiZr,"1226,85",decimal comma
                5,Mo0.2Nb0.2Ta0.2Ti0.2W0.2,1000,
                6,NbTaTiV,-300,below absolute zero

                """);
            var output = Path.Combine(folder, "scored.csv");
            using var screener = new YieldScreener(_models);

            var summary = CandidateTable.Score(input, output, screener);

            var scored = XYield.ML.Data.Experimental.CsvTable.Read(output);
            Assert.That(summary, Is.EqualTo(new CandidateTableSummary(6, 2, 4, 0)));
            Assert.That(scored.Header, Is.EqualTo(new[] { "id", "Formula", "Temperature_C", "note" }.Concat(CandidateTable.AddedColumns)));
            Assert.That(scored.Rows.Select(r => r.Fields[0]), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6" }), "every row, in order");
            Assert.That(scored.Rows[0].Fields[3], Is.EqualTo("a, quoted"), "input fields unchanged");
            var reason = scored.Header.ToList().IndexOf("reason");
            Assert.That(scored.Rows.Select(r => r.Fields[reason].Length > 0), Is.EqualTo(new[] { false, true, true, true, false, true }));
            Assert.That(scored.Rows[1].Fields[reason], Does.Contain("unreadable formula 'MoNbTaWX'"));
            Assert.That(scored.Rows[3].Fields[reason], Does.Contain("'1226,85' is not a number"));
            var expected = screener.ScorePoints([(Fractions("MoNbTaW"), 1500), (Fractions("Mo0.2Nb0.2Ta0.2Ti0.2W0.2"), 1273.15)]);
            var ys = scored.Header.ToList().IndexOf("ys_gpa");
            Assert.That(double.Parse(scored.Rows[0].Fields[ys], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected[0].Mean).Within(1e-4));
            Assert.That(double.Parse(scored.Rows[4].Fields[ys], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected[1].Mean).Within(1e-4));
            Assert.That(scored.Rows[0].Fields[ys + 1], Is.Not.Empty, "two models give a spread");
            Assert.That(scored.Rows[0].Fields[ys + 3], Is.EqualTo("unknown"), "these pipelines have no domain");

            File.WriteAllText(input, "Formula,Temperature,ys_gpa\nMoNbTaW,300,1\n");
            Assert.That(() => CandidateTable.Score(input, output, screener), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("already has a column 'ys_gpa'"));
            Assert.That(() => CandidateTable.Score(input, input, screener), Throws.ArgumentException.With.Message.Contains("is the input file"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static float[] Fractions(string formula) => [.. Composition.Parse(formula).ToPaletteFractions().Select(v => (float)v)];

    // Every candidate through the pipeline's own ML.NET Transform path (formula text in, Score out), sorted stably.
    private List<(string Composition, double Temperature, double Score)> BruteForce(ITransformer model) =>
        BruteForce(model, "Score").Select(c => (c.Composition, c.Temperature, c.Score)).ToList();

    // Every candidate of the small space scored through ML.NET: its Score and the column named by spreadColumn.
    private List<(string Composition, double Temperature, double Score, double Spread)> BruteForce(ITransformer model, string spreadColumn)
    {
        var rows = Small.Alloys()
            .Select(f => Composition.FromPaletteFractions(f.Select(v => Math.Round((double)v, 6)).ToArray()).ToString())
            .SelectMany(formula => Small.Temperatures.Select(t => new Row { Formula = formula, Temperature = (float)t }))
            .ToArray();
        var scored = model.Transform(_ml.Data.LoadFromEnumerable(rows));
        var scores = scored.GetColumn<float>("Score").ToArray();
        var spreads = scored.GetColumn<float>(spreadColumn).ToArray();
        return rows.Select((r, i) => (r.Formula, (double)r.Temperature, (double)scores[i], (double)spreads[i])).ToList();
    }

    // Synchronous: the screener reports on its own thread.
    private sealed class Progress(Action<ScreeningProgress> report) : IProgress<ScreeningProgress>
    {
        public void Report(ScreeningProgress value) => report(value);
    }
}
