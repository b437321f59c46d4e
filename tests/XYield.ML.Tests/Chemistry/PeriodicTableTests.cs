using XYield.ML.Chemistry;

namespace XYield.ML.Tests.Chemistry;

[TestFixture]
public sealed class PeriodicTableTests
{
    [TestCase("H", 1, 1, 1, 0, 0)]
    [TestCase("He", 2, 1, 18, 0, 17)]
    [TestCase("B", 5, 2, 13, 1, 12)]
    [TestCase("Al", 13, 3, 13, 2, 12)]
    [TestCase("Ti", 22, 4, 4, 3, 3)]
    [TestCase("V", 23, 4, 5, 3, 4)]
    [TestCase("Cr", 24, 4, 6, 3, 5)]
    [TestCase("Fe", 26, 4, 8, 3, 7)]
    [TestCase("Zr", 40, 5, 4, 4, 3)]
    [TestCase("Nb", 41, 5, 5, 4, 4)]
    [TestCase("Mo", 42, 5, 6, 4, 5)]
    [TestCase("Lu", 71, 6, 3, 5, 2)]
    [TestCase("Hf", 72, 6, 4, 5, 3)]
    [TestCase("Ta", 73, 6, 5, 5, 4)]
    [TestCase("W", 74, 6, 6, 5, 5)]
    [TestCase("Rn", 86, 6, 18, 5, 17)]
    [TestCase("Lr", 103, 7, 3, 6, 2)]
    [TestCase("Og", 118, 7, 18, 6, 17)]
    public void Main_table_elements_sit_at_period_and_group(string symbol, int z, int period, int group, int row, int column)
    {
        var element = PeriodicTable.Get(symbol);

        Assert.That(element, Is.EqualTo(new Element(symbol, z, period, group, new PeriodicTableCell(row, column))));
        Assert.That(PeriodicTable.Get(z), Is.SameAs(element));
    }

    [TestCase("La", 7, 2)]
    [TestCase("Yb", 7, 15)]
    [TestCase("Ac", 8, 2)]
    [TestCase("No", 8, 15)]
    public void F_block_sits_on_rows_eight_and_nine(string symbol, int row, int column)
    {
        var element = PeriodicTable.Get(symbol);

        Assert.That(element.Group, Is.Null);
        Assert.That(element.Cell, Is.EqualTo(new PeriodicTableCell(row, column)));
    }

    [Test]
    public void Every_element_has_its_own_cell_inside_the_grid()
    {
        var cells = PeriodicTable.Elements.Select(e => e.Cell).ToList();

        Assert.That(PeriodicTable.Elements, Has.Count.EqualTo(118));
        Assert.That(cells, Is.Unique);
        Assert.That(cells.Select(c => c.Index), Is.All.InRange(0, (9 * 18) - 1));
    }

    [Test]
    public void Unknown_symbol_names_itself()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => PeriodicTable.Get("Xx"));

        Assert.That(e!.Message, Does.Contain("'Xx'"));
    }
}
