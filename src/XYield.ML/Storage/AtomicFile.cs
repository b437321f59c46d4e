using System.Diagnostics;
using System.Globalization;

namespace XYield.ML.Storage;

/// <summary>
/// Writes a file through a uniquely named temporary file in the same folder and a rename, so a reader sees the old file or
/// the whole new one, never a part, and two writers (threads or processes) never share a temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));

    /// <summary>Lets <paramref name="write"/> fill a stream that becomes <paramref name="path"/>, flushed to disk before the rename.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// Lets <paramref name="writeTemporary"/> create the temporary file at the path it is given (which keeps
    /// <paramref name="path"/>'s extension, for writers that choose a format by it), then moves it into place.
    /// </summary>
    public static void Write(string path, Action<string> writeTemporary)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeTemporary);
        // What killed writers of this same file left behind goes first (kill -9 cannot run a finally).
        RemoveStale(Path.GetDirectoryName(Path.GetFullPath(path))!, maxAge: null, target: Path.GetFileName(path));
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{Path.GetExtension(path)}");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Deletes temporary files in <paramref name="folder"/> that a killed writer left behind: those of a process that is no
    /// longer running, and any older than <paramref name="maxAge"/> (a reused process id). Live writers' files are kept.
    /// </summary>
    /// <param name="folder">The folder to clean; nothing happens when it does not exist.</param>
    /// <param name="maxAge">Age after which a temporary file is stale whatever its process; default one day.</param>
    /// <param name="target">Only the temporary files of this file name; null for every file's.</param>
    /// <returns>The number of files deleted.</returns>
    public static int RemoveStale(string folder, TimeSpan? maxAge = null, string? target = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var oldest = DateTime.UtcNow - (maxAge ?? TimeSpan.FromDays(1));
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, target is null ? "*.tmp*" : target + ".*.tmp*"))
        {
            if (WriterOf(Path.GetFileName(file)) is not { } writer)
            {
                continue; // not one of ours
            }

            var live = int.TryParse(writer, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && (pid == Environment.ProcessId || IsRunning(pid));
            if (live && File.GetLastWriteTimeUtc(file) > oldest)
            {
                continue;
            }

            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another cleaner got there first, or the folder is read-only: neither is a reason to fail.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    // The writer's process id in "<target>.<pid>.<32 hex digits>.tmp<extension>", or null for any other name.
    private static string? WriterOf(string name)
    {
        var parts = name.Split('.');
        for (var i = parts.Length - 1; i >= 3; i--)
        {
            if (parts[i] == "tmp" && parts[i - 1].Length == 32 && parts[i - 1].All(Uri.IsHexDigit)
                && parts[i - 2].Length is >= 1 and <= 10 && parts[i - 2].All(char.IsAsciiDigit))
            {
                return parts[i - 2];
            }
        }

        return null;
    }
}
