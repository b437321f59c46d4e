using Microsoft.ML;
using Microsoft.ML.Data;
using XYield.ML.Chemistry;
using XYield.ML.Domain;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Domain;

/// <summary>The domain rule on hand-made training sets, in- and out-of-domain candidates, and its round trip through a model zip.</summary>
[TestFixture]
public sealed class ApplicabilityDomainTests
{
    // Three equiatomic alloys measured at 300 and 1300 K.
    private static readonly string[] Training = ["MoNbTaW", "MoNbTaV", "NbTaTiV"];

    private static ApplicabilityDomain Learn() =>
        ApplicabilityDomain.Learn(Training.SelectMany(f => new[] { (Fractions(f), 300.0), (Fractions(f), 1300.0) }));

    private static float[] Fractions(string formula) =>
        Composition.Parse(formula).ToPaletteFractions().Select(v => (float)v).ToArray();

    [Test]
    public void Learns_ranges_elements_and_a_leave_one_out_threshold()
    {
        var domain = Learn();

        Assert.That(domain.MinTemperature, Is.EqualTo(300));
        Assert.That(domain.MaxTemperature, Is.EqualTo(1300));
        Assert.That((domain.MinElementCount, domain.MaxElementCount), Is.EqualTo((4, 4)));
        Assert.That(domain.Elements, Is.EqualTo(new[] { "Mo", "Nb", "Ta", "Ti", "V", "W" }));
        Assert.That(domain.CompositionCount, Is.EqualTo(3), "a composition at two temperatures counts once");
        // Nearest-neighbour distances (half L1): MoNbTaW–MoNbTaV 0.25, MoNbTaV–NbTaTiV 0.25, NbTaTiV–MoNbTaV 0.25 → all 0.25.
        Assert.That(domain.DistanceThreshold, Is.EqualTo(0.25).Within(1e-6));
    }

    [Test]
    public void A_training_alloy_inside_the_ranges_is_in_the_domain()
    {
        var inside = Learn().Assess(Fractions("MoNbTaW"), 800);

        Assert.That(inside, Is.EqualTo(new DomainAssessment(true, 0, "")));
    }

    [TestCase("MoNbTaW", 1500, "1500 K is outside the training temperatures 300–1300 K")]
    [TestCase("MoNbTaW", 200, "200 K is outside the training temperatures")]
    [TestCase("MoNbTaZr", 800, "Zr is in no training alloy")]
    [TestCase("MoNbTaTiVW", 800, "6 elements (training alloys have 4–4)")]
    [TestCase("Mo", 800, "1 elements (training alloys have 4–4)")]
    [TestCase("Mo0.7Nb0.1Ta0.1W0.1", 800, "composition distance 0.45 to the nearest training alloy")]
    public void Each_rule_flags_what_it_should(string formula, double kelvin, string note)
    {
        var assessment = Learn().Assess(Fractions(formula), kelvin);

        Assert.That(assessment.InDomain, Is.False);
        Assert.That(assessment.Note, Does.Contain(note));
    }

    [Test]
    public void Distance_is_half_the_l1_distance_to_the_nearest_training_alloy()
    {
        // Mo0.3 Nb0.2 Ta0.25 W0.25 against MoNbTaW: |0.05| + |0.05| = 0.1 → 0.05.
        var assessment = Learn().Assess(Fractions("Mo0.3Nb0.2Ta0.25W0.25"), 800);

        Assert.That(assessment.Distance, Is.EqualTo(0.05f).Within(1e-6));
        Assert.That(assessment.InDomain, Is.True);
    }

    [Test]
    public void The_transformer_adds_the_flag_and_round_trips_through_a_model_zip()
    {
        var ml = new MLContext(seed: 0);
        var train = ml.Data.LoadFromEnumerable(Training.Select(f => new Row { Formula = f, Temperature = 300 }));
        var probe = ml.Data.LoadFromEnumerable(new[] { new Row { Formula = "MoNbTaW", Temperature = 300 }, new Row { Formula = "HfZrTi", Temperature = 2000 } });
        var model = ml.Transforms.FeaturizeComposition().Append(ml.Transforms.LearnApplicabilityDomain()).Fit(train);
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);

        foreach (var scored in new[] { model.Transform(probe), loaded.Transform(probe) })
        {
            Assert.That(scored.GetColumn<bool>(ApplicabilityDomainTransformer.InDomainColumnName), Is.EqualTo(new[] { true, false }));
            var notes = scored.GetColumn<string>(ApplicabilityDomainTransformer.NoteColumnName).ToArray();
            Assert.That(notes[0], Is.Empty);
            Assert.That(notes[1], Does.Contain("2000 K is outside").And.Contain("Hf, Zr are in no training alloy").And.Contain("3 elements"));
        }
    }

    [Test]
    public void Learning_from_nothing_is_refused() =>
        Assert.Throws<ArgumentException>(() => ApplicabilityDomain.Learn([]));

    private sealed class Row
    {
        public string Formula { get; set; } = "";

        public float Temperature { get; set; }
    }
}
