using XYield.ML.Chemistry;

namespace XYield.ML.Tests.Chemistry;

[TestFixture]
public sealed class CompositionTests
{
    [Test]
    public void Dataset_style_with_spaces_is_normalised()
    {
        var c = Composition.Parse("Al0.214 Nb0.714 Ta0.571 Ti1 V0.143 Zr0.929");

        const double total = 0.214 + 0.714 + 0.571 + 1 + 0.143 + 0.929;
        Assert.That(c.ElementCount, Is.EqualTo(6));
        Assert.That(c.FractionOf("Ti"), Is.EqualTo(1 / total).Within(1e-15));
        Assert.That(c.FractionOf("Al"), Is.EqualTo(0.214 / total).Within(1e-15));
        Assert.That(c.Components.Sum(x => x.Fraction), Is.EqualTo(1).Within(1e-15));
    }

    [TestCase("MoNbTaTiW")]
    [TestCase("Mo20Nb20Ta20Ti20W20")]
    [TestCase("Mo1 Nb1 Ta1 Ti1 W1")]
    [TestCase("  W Ti Ta Nb Mo ")]
    public void Equiatomic_spellings_are_the_same_alloy(string formula)
    {
        var c = Composition.Parse(formula);

        Assert.That(c, Is.EqualTo(Composition.Parse("MoNbTaTiW")));
        Assert.That(c.Components.Select(x => x.Element.Symbol), Is.EqualTo(new[] { "Mo", "Nb", "Ta", "Ti", "W" }));
        Assert.That(c.Components.Select(x => x.Fraction), Is.All.EqualTo(0.2).Within(1e-15));
    }

    [Test]
    public void Mixed_style_takes_a_missing_amount_as_one()
    {
        var c = Composition.Parse("Al0.5CrNbTi");

        Assert.That(c.FractionOf("Al"), Is.EqualTo(0.5 / 3.5).Within(1e-15));
        Assert.That(c.FractionOf("Cr"), Is.EqualTo(1 / 3.5).Within(1e-15));
    }

    [Test]
    public void One_letter_symbol_before_a_capital_is_read_alone()
    {
        var c = Composition.Parse("VNbW");

        Assert.That(c.Components.Select(x => x.Element.Symbol), Is.EqualTo(new[] { "Nb", "V", "W" }));
    }

    [TestCase("Al0.214 Nb0.714 Ta0.571 Ti1 V0.143 Zr0.929")]
    [TestCase("HfMoNbTaTiZr")]
    [TestCase("Cr33Mo33V34")]
    [TestCase("Al5Cr15Fe5Hf10Mo15Nb10Ta10Ti10V5W10Zr5")]
    public void Every_format_round_trips(string formula)
    {
        var c = Composition.Parse(formula);

        Assert.That(Composition.Parse(c.ToString()), Is.EqualTo(c));
        Assert.That(Composition.Parse(c.ToString(CompositionFormat.Percent)).ToKey(4), Is.EqualTo(c.ToKey(4)));
        Assert.That(Composition.Parse(c.ToString(CompositionFormat.Compact)).ToKey(4), Is.EqualTo(c.ToKey(4)));
    }

    [Test]
    public void Formats_read_as_users_write_them()
    {
        var c = Composition.Parse("Mo25Nb25Ta25Zr25");

        Assert.That(c.ToString(), Is.EqualTo("Mo0.25 Nb0.25 Ta0.25 Zr0.25"));
        Assert.That(c.ToString(CompositionFormat.Percent), Is.EqualTo("Mo25Nb25Ta25Zr25"));
        Assert.That(c.ToString(CompositionFormat.Compact), Is.EqualTo("MoNbTaZr"));
        Assert.That(Composition.Parse("Cr33Mo33V34").ToString(CompositionFormat.Compact), Is.EqualTo("Cr33Mo33V34"));
    }

    [Test]
    public void Palette_fractions_follow_the_palette_order()
    {
        var c = Composition.Parse("Mo25Nb25Ta25Zr25");

        var fractions = c.ToPaletteFractions();

        Assert.That(fractions, Is.EqualTo(new[] { 0, 0, 0, 0, 0.25, 0.25, 0.25, 0, 0, 0, 0.25 }));
        Assert.That(Composition.FromPaletteFractions(fractions), Is.EqualTo(c));
    }

    [Test]
    public void Element_outside_the_palette_has_no_palette_fractions()
    {
        var c = Composition.Parse("CoCrFeNi");

        Assert.That(c.IsWithinPalette, Is.False);
        var e = Assert.Throws<InvalidOperationException>(() => c.ToPaletteFractions());
        Assert.That(e!.Message, Does.Contain("Co").And.Contain("palette"));
    }

    [TestCase("", 0, "empty")]
    [TestCase("   ", 3, "empty")]
    [TestCase("MoXx", 2, "'Xx' is not an element symbol")]
    [TestCase("Mo-0.5Nb", 2, "zero or positive")]
    [TestCase("-Mo", 0, "negative amount")]
    [TestCase("Mo1.2.3Nb", 2, "'1.2.3' is not an amount")]
    [TestCase("Mo.Nb", 2, "'.' is not an amount")]
    [TestCase("Mo0Nb0", 2, "zero")]
    [TestCase("MoNbMo", 4, "appears twice")]
    [TestCase("mo", 0, "capital letter")]
    [TestCase("Mo1%Nb", 3, "unexpected '%'")]
    [TestCase("Mo Nb, Ta", 5, "',' is not an amount")]
    public void Bad_formulas_name_text_position_and_expectation(string formula, int position, string problem)
    {
        var e = Assert.Throws<FormulaParseException>(() => Composition.Parse(formula));

        Assert.That(e!.Position, Is.EqualTo(position), e.Message);
        Assert.That(e.Message, Does.Contain($"'{formula}'").And.Contain($"position {position}").And.Contain(problem));
    }

    [Test]
    public void Element_outside_a_required_palette_is_an_error_at_its_position()
    {
        var e = Assert.Throws<FormulaParseException>(() => Composition.Parse("MoNbCoTa", Palette.Symbols));

        Assert.That(e!.Position, Is.EqualTo(4));
        Assert.That(e.Message, Does.Contain("'Co' is outside the allowed elements"));
    }

    [Test]
    public void TryParse_reports_failure_without_throwing()
    {
        Assert.That(Composition.TryParse("MoNb", out var ok), Is.True);
        Assert.That(ok!.ElementCount, Is.EqualTo(2));
        Assert.That(Composition.TryParse("Mo?", out var bad), Is.False);
        Assert.That(bad, Is.Null);
    }

    [Test]
    public void FromAmounts_rejects_bad_amounts()
    {
        Assert.Throws<ArgumentException>(() => Composition.FromAmounts([("Mo", -1)]));
        Assert.Throws<ArgumentException>(() => Composition.FromAmounts([("Mo", double.NaN)]));
        Assert.Throws<ArgumentException>(() => Composition.FromAmounts([("Mo", 0)]));
        Assert.Throws<ArgumentException>(() => Composition.FromAmounts([("Mo", 1), ("Mo", 1)]));
        Assert.Throws<ArgumentException>(() => Composition.FromAmounts([("Qq", 1)]));
    }
}
