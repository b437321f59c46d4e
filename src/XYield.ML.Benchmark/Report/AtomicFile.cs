namespace XYield.ML.Benchmark.Report;

/// <summary>Writes a file through a uniquely named temporary file and a rename, so readers never see half a file.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));

    /// <summary>Lets <paramref name="write"/> create the temporary file (its name keeps <paramref name="path"/>'s extension), then moves it into place.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        // Unique per writer: two processes sharing a folder never write the same temporary file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp{Path.GetExtension(path)}";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
