using System.Globalization;
using XYield.ML.Chemistry;
using XYield.ML.Physics;

namespace XYield.ML.Data.Simulated;

/// <summary>
/// Writes sampled grid points as CSV: header <c>Al,Cr,…,Zr,T_K,sigma_y_MPa</c>, fractions with 2
/// decimals, T as an integer, σ_y in MPa with 4 decimals. Streams: memory does not grow with the count.
/// </summary>
public static class SimulatedCsvWriter
{
    /// <summary>The header line.</summary>
    public static string Header { get; } = string.Join(',', Palette.Symbols) + ",T_K,sigma_y_MPa";

    /// <summary>
    /// Writes the CSV to <paramref name="path"/> through a temporary file renamed when complete: cancelling or failing
    /// leaves the previous file (or none), never a partial one.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="sampler">The point source; it advances by <paramref name="count"/> draws.</param>
    /// <param name="count">Number of rows.</param>
    /// <param name="model">Strength model; the normative one when null.</param>
    /// <param name="progress">Receives the number of rows written, every 100,000 rows and at the end.</param>
    /// <param name="cancellationToken">Checked with each progress report.</param>
    public static void WriteFile(string path, SimulatedGridSampler sampler, long count, MarescaCurtinModel? model = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Storage.AtomicFile.Write(Path.GetFullPath(path), (Stream stream) =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
            Write(writer, sampler, count, model, progress, cancellationToken);
        });
    }

    /// <summary>Writes the header and <paramref name="count"/> points drawn by <paramref name="sampler"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="sampler">The point source; it advances by <paramref name="count"/> draws.</param>
    /// <param name="count">Number of rows.</param>
    /// <param name="model">Strength model; the normative one when null.</param>
    /// <param name="progress">Receives the number of rows written, every 100,000 rows and at the end.</param>
    /// <param name="cancellationToken">Checked with each progress report.</param>
    public static void Write(TextWriter writer, SimulatedGridSampler sampler, long count, MarescaCurtinModel? model = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        model ??= new MarescaCurtinModel();
        writer.Write(Header);
        writer.Write('\n');
        Span<double> fractions = stackalloc double[Palette.Count];
        Span<char> line = stackalloc char[256];
        for (long row = 0; row < count; row++)
        {
            var t = sampler.Next(fractions);
            var sigma = model.YieldStrength(fractions, t);
            var length = 0;
            for (var i = 0; i < Palette.Count; i++)
            {
                length += Format(fractions[i], "F2", line[length..]);
                line[length++] = ',';
            }

            length += Format(t, "F0", line[length..]);
            line[length++] = ',';
            length += Format(sigma, "F4", line[length..]);
            line[length++] = '\n';
            writer.Write(line[..length]);
            if ((row + 1) % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(row + 1);
            }
        }

        if (count % 100_000 != 0 || count == 0)
        {
            progress?.Report(count);
        }
    }

    private static int Format(double value, string format, Span<char> destination)
    {
        if (!value.TryFormat(destination, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{value.ToString(CultureInfo.InvariantCulture)} does not fit a CSV field.");
        }

        return written;
    }
}
