using System.Text.Json;
using XYield.ML.Storage;

namespace XYield.ML.Benchmark.Report;

/// <summary>
/// The benchmark's results.json: loaded at start so an interrupted run resumes, and rewritten after every completed
/// run (to a temporary file, then moved into place) so an interruption never loses or corrupts completed results.
/// The file also holds the settings that shaped the numbers (protocol, CNN sizes), so a resume with other settings is refused
/// instead of mixing incomparable runs in one table.
/// </summary>
public sealed class ResultStore
{
    /// <summary>The file name inside the output folder.</summary>
    public const string FileName = "results.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly List<RunResult> _results;

    private ResultStore(string? path, List<RunResult> results, IReadOnlyDictionary<string, string>? settings)
    {
        Path = path;
        _results = results;
        Settings = settings;
    }

    /// <summary>The file the results are kept in; null for a store in memory.</summary>
    public string? Path { get; }

    /// <summary>The completed runs, in the order they finished.</summary>
    public IReadOnlyList<RunResult> Results => _results;

    /// <summary>The settings the results were made with (option name → value), saved with them.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; }

    /// <summary>Opens the store at <paramref name="path"/>, reading the results already there (none when the file does not exist).</summary>
    /// <param name="path">The results file.</param>
    /// <param name="settings">
    /// The settings of this run (option name → value); an existing file made with other settings is refused. Null reads
    /// any file and keeps its settings.
    /// </param>
    /// <exception cref="InvalidDataException">The file exists but is not a results file, or was made with other settings.</exception>
    public static ResultStore Open(string path, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return new ResultStore(path, [], settings);
        }

        try
        {
            var file = JsonSerializer.Deserialize<ResultsFile>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"'{path}' is empty; delete it or choose another output folder.");
            var results = file.Results ?? [];
            var invalid = results.FindIndex(r => r is null || r.Method is null || r.Task is null || r.Split is null || r.Points is null);
            if (invalid >= 0)
            {
                throw new InvalidDataException($"'{path}': result {invalid} lacks its method, task, split or points; delete the file or choose another output folder.");
            }

            if (settings is not null && Differences(file.Settings, settings) is { Length: > 0 } differences)
            {
                throw new InvalidDataException(
                    $"'{path}' holds runs made with other settings ({differences}); use another --output, or the settings it was made with to resume.");
            }

            return new ResultStore(path, results, settings ?? file.Settings);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a benchmark results file ({e.Message}); delete it or choose another output folder.", e);
        }
    }

    /// <summary>A store that keeps its results in memory only.</summary>
    /// <param name="settings">The settings of the runs (option name → value).</param>
    public static ResultStore InMemory(IReadOnlyDictionary<string, string>? settings = null) => new(null, [], settings);

    /// <summary>Reads the results file at <paramref name="path"/> with its settings, or throws when it does not exist.</summary>
    /// <param name="path">The results file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a results file.</exception>
    public static ResultStore Read(string path) =>
        File.Exists(path) ? Open(path) : throw new FileNotFoundException($"No benchmark results at '{path}'.", path);

    /// <summary>Whether the run with <paramref name="key"/> has completed.</summary>
    public bool Contains(RunKey key) => _results.Exists(r => r.Key == key);

    /// <summary>Adds a completed run (replacing an earlier result with the same key) and saves the file.</summary>
    public void Append(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _results.RemoveAll(r => r.Key == result.Key);
        _results.Add(result);
        Save();
    }

    /// <summary>Writes <paramref name="results"/> with their <paramref name="settings"/> as a results file at <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The results file.</param>
    /// <param name="results">The runs.</param>
    /// <param name="settings">What shaped their numbers (option name → value).</param>
    public static void Write(string path, IReadOnlyList<RunResult> results, IReadOnlyDictionary<string, string>? settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(results);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new ResultsFile(settings, [.. results]), Json));
    }

    private void Save()
    {
        if (Path is not null)
        {
            Write(Path, _results, Settings);
        }
    }

    // "--protocol best-test-epoch there, final-epoch now; …"; empty when the settings agree.
    private static string Differences(IReadOnlyDictionary<string, string>? stored, IReadOnlyDictionary<string, string> current)
    {
        if (stored is null)
        {
            return "written without its settings, by an older xyield";
        }

        var differing = stored.Keys.Union(current.Keys).Order(StringComparer.Ordinal)
            .Where(k => stored.GetValueOrDefault(k) != current.GetValueOrDefault(k))
            .Select(k => $"{k} {stored.GetValueOrDefault(k) ?? Unset(k)} there, {current.GetValueOrDefault(k) ?? Unset(k)} now");
        return string.Join("; ", differing);
    }

    // A key the settings lack: what a run without it was made with. A missing target is the option's value "none", so the
    // message says what to type to resume.
    private static string Unset(string key) => key == "--birpt-target" ? "none" : "unset";

    /// <summary>The file's shape: an object, so fields can be added later without breaking old files.</summary>
    private sealed record ResultsFile(IReadOnlyDictionary<string, string>? Settings, List<RunResult> Results);
}
