using System.Globalization;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// An exclusive lock on a benchmark output folder, held while a process writes its results.json and report: two
/// processes given the same folder would each rewrite results.json from their own memory and lose the other's runs, so
/// the second one is refused with a message instead. The lock is an OS file lock (released when the process ends, however
/// it ends); the lock file itself stays and is harmless.
/// </summary>
internal sealed class OutputFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string FileName = ".xyield-benchmark.lock";

    private const string OwnerFileName = ".xyield-benchmark.owner";
    private readonly FileStream _handle;

    private OutputFolderLock(FileStream handle) => _handle = handle;

    /// <summary>Takes the lock on <paramref name="folder"/> (created if missing).</summary>
    /// <exception cref="IOException">Another process holds it; the message names the folder, the owner when known, and what to do.</exception>
    public static OutputFolderLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        FileStream handle;
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a share-mode lock on Windows.
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new IOException(
                $"Another benchmark process{Owner(folder)} is writing to '{Path.GetFullPath(folder)}'; wait for it to finish, or give each " +
                "process its own output folder (--shard i/n gives each part a subfolder of one --output).", e);
        }

        try
        {
            File.WriteAllText(Path.Combine(folder, OwnerFileName), string.Create(CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The owner note only improves the message another process prints; the lock is what matters.
        }

        return new OutputFolderLock(handle);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _handle.Dispose();

    private static string Owner(string folder)
    {
        try
        {
            return $" ({File.ReadAllText(Path.Combine(folder, OwnerFileName)).Trim()})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
