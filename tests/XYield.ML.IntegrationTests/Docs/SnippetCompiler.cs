using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace XYield.ML.IntegrationTests.Docs;

/// <summary>
/// Compiles a snippet in process as a console program of a user's own project would be: C# latest, nullable on, the SDK's
/// implicit usings, warnings count as errors. References are this test's own dependencies (the framework, XYield.ML,
/// XYield.ML.Benchmark, ML.NET, TorchSharp), the packages the docs tell users to reference.
/// </summary>
internal static class SnippetCompiler
{
    // What <ImplicitUsings>enable</ImplicitUsings> gives a console project and a file-based app.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsManaged(p))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>The <c>#:</c> lines of a file-based app (<c>#:package</c>, <c>#:property</c>), in order.</summary>
    public static IReadOnlyList<string> Directives(MarkdownSnippet snippet) =>
        snippet.Code.Split('\n').Where(l => l.StartsWith("#:", StringComparison.Ordinal)).ToArray();

    /// <summary>Compiles <paramref name="snippet"/>; throws naming each diagnostic with its file and line.</summary>
    public static Assembly Compile(MarkdownSnippet snippet)
    {
        // The SDK reads #: directives before compiling; blank them so line numbers stay those of the Markdown file.
        var code = string.Join('\n', snippet.Code.Split('\n').Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "" : l));
        var name = "Snippet_" + Path.GetFileNameWithoutExtension(snippet.File).Replace('-', '_') + "_" + snippet.Line.ToString(CultureInfo.InvariantCulture);
        return Assembly.Load(Emit(name, code, snippet.File, OutputKind.ConsoleApplication, line => snippet.Line + line, $"The csharp block at {snippet}"));
    }

    /// <summary>Compiles <paramref name="code"/> as a library (nothing is loaded); throws naming each diagnostic.</summary>
    /// <param name="code">The source; <c>#line</c> directives in it name the origin of each part.</param>
    /// <param name="what">What the code is, for the message.</param>
    public static void CompileLibrary(string code, string what) =>
        Emit("Examples", code, "examples.cs", OutputKind.DynamicallyLinkedLibrary, line => line + 1, what);

    private static byte[] Emit(string name, string code, string path, OutputKind kind, Func<int, int> displayLine, string what)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(code, ParseOptions, path), CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, "ImplicitUsings.g.cs")],
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "ImplicitUsings.g.cs")
            .Select(d => Describe(d, displayLine))
            .ToArray();
        if (!result.Success || problems.Length > 0)
        {
            throw new InvalidOperationException($"{what} failed to compile cleanly:\n" + string.Join('\n', problems));
        }

        return image.ToArray();
    }

    // With a #line directive the mapped span names the origin; otherwise the line is shifted to the Markdown file's.
    private static string Describe(Diagnostic diagnostic, Func<int, int> displayLine)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var line = span.HasMappedPath ? span.StartLinePosition.Line + 1 : displayLine(span.StartLinePosition.Line);
        return $"{span.Path}:{line}: {diagnostic.Id} {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Runs a compiled snippet's top-level statements, awaiting them when they are asynchronous.</summary>
    public static void Run(Assembly program)
    {
        var main = program.EntryPoint ?? throw new InvalidOperationException("The snippet has no top-level statements.");
        try
        {
            var result = main.Invoke(null, main.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
