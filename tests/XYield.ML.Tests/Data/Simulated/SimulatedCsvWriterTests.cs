using System.Globalization;
using XYield.ML.Chemistry;
using XYield.ML.Data.Simulated;
using XYield.ML.Physics;

namespace XYield.ML.Tests.Data.Simulated;

[TestFixture]
public sealed class SimulatedCsvWriterTests
{
    [Test]
    public void Csv_has_the_spec_header_and_number_formats()
    {
        using var text = new StringWriter();
        SimulatedCsvWriter.Write(text, new SimulatedGridSampler(7), 1000);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("Al,Cr,Fe,Hf,Mo,Nb,Ta,Ti,V,W,Zr,T_K,sigma_y_MPa"));
        Assert.That(lines, Has.Length.EqualTo(1001));
        Assert.That(lines.Skip(1), Is.All.Match(@"^(\d\.\d\d,){11}\d{3,4},\d+\.\d{4}$"));
    }

    [Test]
    public void Csv_rows_are_the_sampled_points_and_their_strengths()
    {
        using var text = new StringWriter();
        SimulatedCsvWriter.Write(text, new SimulatedGridSampler(7), 200);

        var sampler = new SimulatedGridSampler(7);
        var model = new MarescaCurtinModel();
        var fractions = new double[Palette.Count];
        foreach (var line in text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var t = sampler.Next(fractions);
            var fields = line.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(fields[..11], Is.EqualTo(fractions).Within(1e-9));
            Assert.That(fields[11], Is.EqualTo(t));
            Assert.That(fields[12], Is.EqualTo(model.YieldStrength(fractions, t)).Within(5e-5));
        }
    }

    [Test]
    public void Progress_is_reported_and_bad_arguments_are_refused()
    {
        var reports = new List<long>();
        using var text = new StringWriter();
        SimulatedCsvWriter.Write(text, new SimulatedGridSampler(1), 250_000, progress: new SynchronousProgress(reports));

        Assert.That(reports, Is.EqualTo(new long[] { 100_000, 200_000, 250_000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedCsvWriter.Write(text, new SimulatedGridSampler(1), -1));
        Assert.Throws<ArgumentNullException>(() => SimulatedCsvWriter.Write(null!, new SimulatedGridSampler(1), 1));
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
