using System.Text.Json;

namespace XYield.ML.Cli.Benchmark.Report;

/// <summary>
/// The benchmark's results.json: loaded at start so an interrupted run resumes, and rewritten after every completed
/// run (to a temporary file, then moved into place) so an interruption never loses or corrupts completed results.
/// </summary>
internal sealed class ResultStore
{
    /// <summary>The file name inside the output folder.</summary>
    public const string FileName = "results.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly List<RunResult> _results;

    private ResultStore(string path, List<RunResult> results)
    {
        Path = path;
        _results = results;
    }

    /// <summary>The file the results are kept in.</summary>
    public string Path { get; }

    /// <summary>The completed runs, in the order they finished.</summary>
    public IReadOnlyList<RunResult> Results => _results;

    /// <summary>Opens the store at <paramref name="path"/>, reading the results already there (none when the file does not exist).</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a results file.</exception>
    public static ResultStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return new ResultStore(path, []);
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

            return new ResultStore(path, results);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a benchmark results file ({e.Message}); delete it or choose another output folder.", e);
        }
    }

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

    private void Save()
    {
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new ResultsFile(_results), Json));
        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>The file's shape: an object, so fields can be added later without breaking old files.</summary>
    private sealed record ResultsFile(List<RunResult> Results);
}
