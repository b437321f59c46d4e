using System.Reflection;
using Microsoft.ML;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace XYield.ML.Tests.MlNetInternals;

/// <summary>
/// Fails loudly when ML.NET changes an internal XYield.ML relies on, or when code outside
/// src/XYield.ML/MlNetInternals starts using one. Reads XYield.ML's IL and resolves every reference into
/// Microsoft.ML.Core/Data against the real assemblies the tests run with.
/// </summary>
[TestFixture]
public sealed class MlNetInternalsTests
{
    /// <summary>The ML.NET internals XYield.ML uses; docs/persistence.md lists them too. Change both together.</summary>
    private static readonly string[] ExpectedInternals =
    [
        "Microsoft.ML.Data.IInternalCatalog",
        "Microsoft.ML.Data.IInternalCatalog::Environment",
        "Microsoft.ML.LoadableClassAttribute",
        "Microsoft.ML.LoadableClassAttribute::.ctor(System.Type,System.Type,System.Type,System.Type,System.String,System.String[])",
        "Microsoft.ML.ModelHeader",
        "Microsoft.ML.ModelHeader::ModelVerWritten",
        "Microsoft.ML.ModelLoadContext",
        "Microsoft.ML.ModelLoadContext::CheckAtModel(Microsoft.ML.VersionInfo)",
        "Microsoft.ML.ModelLoadContext::ContainsModel(System.String)",
        "Microsoft.ML.ModelLoadContext::Header",
        "Microsoft.ML.ModelLoadContext::LoadModel(Microsoft.ML.Runtime.IHostEnvironment,TRes&,System.String,System.Object[])",
        "Microsoft.ML.ModelLoadContext::LoadNonEmptyString()",
        "Microsoft.ML.ModelLoadContext::Reader",
        "Microsoft.ML.ModelLoadContext::TryLoadBinaryStream(System.String,System.Action`1<System.IO.BinaryReader>)",
        "Microsoft.ML.ModelSaveContext::CheckAtModel()",
        "Microsoft.ML.ModelSaveContext::SaveBinaryStream(System.String,System.Action`1<System.IO.BinaryWriter>)",
        "Microsoft.ML.ModelSaveContext::SaveModel(T,System.String)",
        "Microsoft.ML.ModelSaveContext::SaveNonEmptyString(System.String)",
        "Microsoft.ML.ModelSaveContext::SetVersionInfo(Microsoft.ML.VersionInfo)",
        "Microsoft.ML.ModelSaveContext::Writer",
        "Microsoft.ML.Runtime.IHostEnvironmentInternal",
        "Microsoft.ML.Runtime.IHostEnvironmentInternal::Seed",
        "Microsoft.ML.SchemaShape/Column::.ctor(System.String,Microsoft.ML.SchemaShape/Column/VectorKind,Microsoft.ML.Data.DataViewType,System.Boolean,Microsoft.ML.SchemaShape)",
        "Microsoft.ML.SchemaShape::Create(Microsoft.ML.DataViewSchema)",
        "Microsoft.ML.SignatureLoadModel",
        "Microsoft.ML.VersionInfo",
        "Microsoft.ML.VersionInfo::.ctor(System.String,System.UInt32,System.UInt32,System.UInt32,System.String,System.String,System.String)",
    ];

    private static readonly HashSet<string> MlNetAssemblies = ["Microsoft.ML.Core", "Microsoft.ML.Data"];

    private sealed record Use(string User, string Member, bool Resolved, bool Public);

    private static readonly Lazy<List<Use>> Uses = new(FindMlNetUses);

    [Test]
    public void Every_ML_NET_member_XYield_uses_still_exists()
    {
        var missing = Uses.Value.Where(u => !u.Resolved).Select(u => $"{u.Member} (used by {u.User})").Distinct().ToArray();

        Assert.That(missing, Is.Empty,
            "ML.NET no longer has these members XYield.ML was compiled against; see docs/persistence.md before widening the Microsoft.ML version range.");
    }

    [Test]
    public void Internal_ML_NET_members_are_used_only_in_MlNetInternals()
    {
        var outside = Uses.Value.Where(u => !u.Public && !u.User.StartsWith("XYield.ML.MlNetInternals.", StringComparison.Ordinal))
            .Select(u => $"{u.User} uses {u.Member}").Distinct().ToArray();

        Assert.That(outside, Is.Empty, "Move these uses of ML.NET internals into src/XYield.ML/MlNetInternals.");
    }

    [Test]
    public void The_internals_in_use_are_exactly_the_documented_ones()
    {
        var used = Uses.Value.Where(u => !u.Public).Select(u => u.Member).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.That(used, Is.EqualTo(ExpectedInternals), "Update ExpectedInternals and docs/persistence.md together:\n" + string.Join("\n", used));
    }

    [Test]
    public void ML_NET_at_run_time_is_in_the_tested_range()
    {
        var informational = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var version = Version.Parse(informational.Split('+', '-')[0]);

        Assert.That(version, Is.GreaterThanOrEqualTo(new Version(5, 0, 1)).And.LessThan(new Version(5, 1)),
            "XYield.ML's persistence was tested with Microsoft.ML [5.0.1,5.1); see docs/persistence.md.");
    }

    [Test]
    public void ComponentCatalog_loads_our_loader_from_the_attribute()
    {
        // The LoadableClass attribute is what ML.NET reads; a public Create with the wrong shape would be ignored silently.
        var loader = typeof(XYield.ML.MlNetInternals.ComponentLoader<XYield.ML.Transforms.YieldStrengthBinningTransformer>)
            .GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static)!;

        Assert.That(loader.ReturnType, Is.EqualTo(typeof(ITransformer)));
        Assert.That(loader.GetParameters().Select(p => p.ParameterType.FullName),
            Is.EqualTo(new[] { "Microsoft.ML.Runtime.IHostEnvironment", "Microsoft.ML.ModelLoadContext" }));
    }

    private const string AssemblyAttributes = "XYield.ML.MlNetInternals.(assembly attributes)";

    [Test]
    public void Loadable_class_attributes_are_declared_only_in_MlNetInternals()
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "src", "XYield.ML");
        var declaring = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("[assembly: LoadableClass", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(source, f))
            .ToArray();

        Assert.That(declaring, Is.EqualTo(new[] { Path.Combine("MlNetInternals", "LoadableComponents.cs") }));
    }

    private static List<Use> FindMlNetUses()
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        using var module = ModuleDefinition.ReadModule(typeof(XYieldCatalog).Assembly.Location, new ReaderParameters { AssemblyResolver = resolver });
        var uses = new List<Use>();

        // Assembly attributes carry no namespace: the source check below keeps them in MlNetInternals/.
        foreach (var attribute in module.Assembly.CustomAttributes)
        {
            AddMember(uses, AssemblyAttributes, attribute.Constructor);
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Value is TypeReference type)
                {
                    AddType(uses, AssemblyAttributes, type);
                }
            }
        }

        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods)
            {
                AddType(uses, type.FullName, method.ReturnType);
                foreach (var parameter in method.Parameters)
                {
                    AddType(uses, type.FullName, parameter.ParameterType);
                }

                foreach (var instruction in method.HasBody ? method.Body.Instructions : [])
                {
                    switch (instruction.Operand)
                    {
                        case MethodReference m:
                            AddMember(uses, type.FullName, m);
                            break;
                        case FieldReference f:
                            AddMember(uses, type.FullName, f);
                            break;
                        case TypeReference t:
                            AddType(uses, type.FullName, t);
                            break;
                    }
                }
            }
        }

        return uses;
    }

    private static void AddType(List<Use> uses, string user, TypeReference type)
    {
        var element = type.GetElementType();
        if (element is GenericParameter || !MlNetAssemblies.Contains(element.Scope.Name))
        {
            return;
        }

        var definition = element.Resolve();
        if (definition is null)
        {
            uses.Add(new Use(user, element.FullName, Resolved: false, Public: true));
        }
        else if (MlNetAssemblies.Contains(definition.Module.Assembly.Name.Name))
        {
            uses.Add(new Use(user, definition.FullName, Resolved: true, IsVisible(definition)));
        }
    }

    private static void AddMember(List<Use> uses, string user, MemberReference member)
    {
        var declaring = member.DeclaringType.GetElementType();
        if (!MlNetAssemblies.Contains(declaring.Scope.Name))
        {
            return;
        }

        AddType(uses, user, declaring);
        IMemberDefinition? definition = member switch
        {
            MethodReference m => m.GetElementMethod().Resolve(),
            FieldReference f => f.Resolve(),
            _ => null,
        };
        var name = definition switch
        {
            MethodDefinition m when m.IsGetter || m.IsSetter => $"{m.DeclaringType.FullName}::{m.Name[4..]}",
            MethodDefinition m => $"{m.DeclaringType.FullName}::{m.Name}({string.Join(",", m.Parameters.Select(p => p.ParameterType.FullName))})",
            FieldDefinition f => $"{f.DeclaringType.FullName}::{f.Name}",
            _ => $"{declaring.FullName}::{member.Name}",
        };
        var isPublic = definition switch
        {
            MethodDefinition m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
            FieldDefinition f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
            _ => true,
        };
        uses.Add(new Use(user, name, definition is not null, isPublic && definition is not null && IsVisible(definition.DeclaringType)));
    }

    private static bool IsVisible(TypeDefinition type) =>
        type.IsNested ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && IsVisible(type.DeclaringType) : type.IsPublic;
}
