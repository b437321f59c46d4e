// Usage: MlNetPublicizer <output folder> <assembly.dll>...
// Writes <output folder>/<assembly>.dll with every type, method and field made public. The copies are
// compile-time references only: at run time the real, strong-named assemblies load, and XYield.ML's
// [IgnoresAccessChecksTo] attributes make the CLR accept the calls (docs/persistence.md).
using Mono.Cecil;

if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: MlNetPublicizer <output folder> <assembly.dll>...");
    return 2;
}

var output = Directory.CreateDirectory(args[0]).FullName;
foreach (var input in args.Skip(1))
{
    var resolver = new DefaultAssemblyResolver();
    resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(input)));
    using var module = ModuleDefinition.ReadModule(input, new ReaderParameters { AssemblyResolver = resolver });
    foreach (var type in module.GetTypes())
    {
        Publicizer.Publicize(type);
    }

    var target = Path.Combine(output, Path.GetFileName(input));
    module.Write(target);
    Console.WriteLine($"MlNetPublicizer: {Path.GetFileName(input)} -> {target}");
}

return 0;

/// <summary>Makes a type and its members public, leaving out what C# could not use or would find ambiguous.</summary>
internal static class Publicizer
{
    public static void Publicize(TypeDefinition type)
    {
        if (type.IsNested)
        {
            type.IsNestedPublic = true;
        }
        else if (type.Name != "<Module>")
        {
            type.IsPublic = true;
        }

        foreach (var method in type.Methods)
        {
            // Explicit interface implementations keep their accessibility: they are reached through the interface.
            if (!method.IsPublic && !method.HasOverrides)
            {
                method.IsPublic = true;
            }
        }

        // Fields named like an event or property (event backing fields) would make the member ambiguous in C#;
        // compiler-generated fields ("<Name>k__BackingField") are unusable anyway.
        var memberNames = type.Events.Select(e => e.Name).Concat(type.Properties.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            if (!field.IsPublic && !field.Name.Contains('<', StringComparison.Ordinal) && !memberNames.Contains(field.Name))
            {
                field.IsPublic = true;
            }
        }
    }
}
