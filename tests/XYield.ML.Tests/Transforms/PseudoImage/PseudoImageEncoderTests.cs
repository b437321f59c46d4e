using XYield.ML.Chemistry;
using XYield.ML.Transforms;

namespace XYield.ML.Tests.Transforms.PseudoImage;

[TestFixture]
public sealed class PseudoImageEncoderTests
{
    private static int Cell(int period, int group) => ((period - 1) * 18) + (group - 1);

    [Test]
    public void Ptr_places_Mo25Nb25Ta25Zr25_at_its_periodic_table_cells()
    {
        var image = new PseudoImageEncoder(PseudoImageLayout.Standard).Encode(Composition.Parse("Mo25Nb25Ta25Zr25"), 1273.15);

        var expected = new float[162];
        expected[Cell(5, 4)] = 0.25f; // Zr
        expected[Cell(5, 5)] = 0.25f; // Nb
        expected[Cell(5, 6)] = 0.25f; // Mo
        expected[Cell(6, 5)] = 0.25f; // Ta
        Assert.That(image[..162], Is.EqualTo(expected));
        Assert.That(image[162..], Is.All.EqualTo(0.5f), "channel 1 holds (1273.15 − 273.15) / 2000");
    }

    [Test]
    public void Ptr_places_Al0_5CrNbTi_including_the_p_block()
    {
        var image = new PseudoImageEncoder(PseudoImageLayout.Standard).Encode(Composition.Parse("Al0.5CrNbTi"), 273.15);

        Assert.That(image[Cell(3, 13)], Is.EqualTo(0.5f / 3.5f)); // Al
        Assert.That(image[Cell(4, 6)], Is.EqualTo(1f / 3.5f));    // Cr
        Assert.That(image[Cell(5, 5)], Is.EqualTo(1f / 3.5f));    // Nb
        Assert.That(image[Cell(4, 4)], Is.EqualTo(1f / 3.5f));    // Ti
        Assert.That(image[..162].Count(v => v != 0), Is.EqualTo(4));
        Assert.That(image[162..], Is.All.EqualTo(0f));
    }

    [Test]
    public void Palette_fraction_path_matches_the_composition_path()
    {
        foreach (var layout in new[] { PseudoImageLayout.Standard, PseudoImageLayout.Randomized(3) })
        {
            var encoder = new PseudoImageEncoder(layout);
            var composition = Composition.Parse("Al5Cr15Fe5Hf10Mo15Nb10Ta10Ti10V5W10Zr5");
            var fractions = composition.ToPaletteFractions().Select(f => (float)f).ToArray();
            var image = new float[PseudoImageShape.Length];

            encoder.Encode(fractions, 700, image);

            Assert.That(image, Is.EqualTo(encoder.Encode(composition, 700)));
        }
    }

    [Test]
    public void Rptr_is_a_deterministic_permutation_per_seed()
    {
        var a = PseudoImageLayout.Randomized(42);

        Assert.That(a, Is.EqualTo(PseudoImageLayout.Randomized(42)));
        Assert.That(a, Is.Not.EqualTo(PseudoImageLayout.Randomized(43)));
        Assert.That(a.CellsByAtomicNumber.Order(), Is.EqualTo(PseudoImageLayout.Standard.CellsByAtomicNumber.Order()), "same cells, shuffled");
        Assert.That(a.CellsByAtomicNumber.Zip(PseudoImageLayout.Standard.CellsByAtomicNumber).Count(p => p.First != p.Second), Is.GreaterThan(100));
        Assert.That(a.Name, Is.EqualTo("RPTR(42)"));
    }

    [Test]
    public void Rptr_layout_is_pinned_for_seed_0()
    {
        // The shuffle is part of saved models: it must never change. Cells of the palette elements under seed 0.
        var layout = PseudoImageLayout.Randomized(0);

        var cells = Palette.Symbols.Select(s => layout.CellOf(PeriodicTable.Get(s))).ToArray();

        Assert.That(cells, Is.EqualTo(PinnedSeed0Cells));
    }

    [Test]
    public void Saved_layout_is_validated_on_load()
    {
        var layout = PseudoImageLayout.Randomized(5);

        Assert.That(PseudoImageLayout.FromCells(layout.CellsByAtomicNumber, 5), Is.EqualTo(layout));
        Assert.Throws<InvalidDataException>(() => PseudoImageLayout.FromCells(new int[118], 5));
        Assert.Throws<InvalidDataException>(() => PseudoImageLayout.FromCells(layout.CellsByAtomicNumber.Take(117).ToArray(), 5));
    }

    [Test]
    public void Wrong_buffer_sizes_are_rejected()
    {
        var encoder = new PseudoImageEncoder(PseudoImageLayout.Standard);

        Assert.Throws<ArgumentException>(() => encoder.Encode(new float[11], 300, new float[100]));
        Assert.Throws<ArgumentException>(() => encoder.Encode(new float[10], 300, new float[324]));
    }

    // Computed independently (a Python SplitMix64 + Fisher–Yates over the 118 PTR cells) when the layout was introduced.
    private static readonly int[] PinnedSeed0Cells = [117, 96, 137, 133, 147, 100, 64, 94, 106, 62, 76];
}
