using System.Reflection;
using System.Text.RegularExpressions;

namespace Oss.ResumableUpload.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/architecture.md, checked two ways: the signatures of the compiled types (fields,
/// properties, method parameters and returns, base types) and a scan of the source files, ignoring comment lines
/// (XML docs may cref any public type).
/// </summary>
public sealed partial class DependencyRuleTests
{
    private static readonly Assembly Library = typeof(OssClient).Assembly;

    [Fact]
    public void The_engine_names_no_transport_type_and_nothing_of_System_Net_Http()
    {
        string[] offending = ScanSources("Resumable", TransportOrHttp());

        Assert.Empty(offending);
        Assert.Empty(SignatureReferences("Oss.ResumableUpload.Resumable", t => IsIn(t, "Oss.ResumableUpload.Transport") || IsIn(t, "System.Net.Http")));
    }

    [Fact]
    public void Checkpoints_name_nothing_of_the_engine_or_the_transport()
    {
        string[] offending = ScanSources("Checkpoints", EngineOrTransport());

        Assert.Empty(offending);
        Assert.Empty(SignatureReferences("Oss.ResumableUpload.Checkpoints", t => IsIn(t, "Oss.ResumableUpload.Resumable") || IsIn(t, "Oss.ResumableUpload.Transport")));
    }

    [Fact]
    public void Signing_depends_on_credentials_only()
    {
        string[] offending = ScanSources("Signing", NonSigningLibraryNamespace());
        var credentials = new HashSet<Type> { typeof(OssCredentials), typeof(IOssCredentialsProvider) };

        Assert.Empty(offending);
        Assert.Empty(SignatureReferences("Oss.ResumableUpload.Signing", t => t.Assembly == Library && !IsIn(t, "Oss.ResumableUpload.Signing") && !credentials.Contains(t)));
    }

    [Fact]
    public void The_library_never_depends_on_the_testing_package()
    {
        Assert.DoesNotContain(Library.GetReferencedAssemblies(), name => name.Name == "Oss.ResumableUpload.Testing");
        string project = File.ReadAllText(Path.Combine(SourceRoot(), "Oss.ResumableUpload.csproj"));
        Assert.DoesNotMatch(@"<(ProjectReference|PackageReference)[^>]*Oss\.ResumableUpload\.Testing", project);
    }

    [Fact]
    public void The_scan_sees_a_violation()
    {
        Regex rule = TransportOrHttp();

        Assert.Matches(rule, "using Oss.ResumableUpload.Transport;");
        Assert.Matches(rule, "    public required Transport.OssRequestBody Body { get; init; }");
        Assert.Matches(rule, "HttpContent content = body.CreateContent(null);");
        Assert.DoesNotMatch(rule, "PartTransfer transfer = new(operations, source);");
        Assert.Matches(EngineOrTransport(), "using Oss.ResumableUpload.Resumable;");
    }

    /// <summary>Lines of the folder's .cs files that match <paramref name="rule"/>, as "file:line: text"; comment lines are skipped.</summary>
    private static string[] ScanSources(string folder, Regex rule)
    {
        string directory = Path.Combine(SourceRoot(), folder);
        Assert.True(Directory.Exists(directory), directory + " does not exist.");
        var offending = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimStart();
                if (!line.StartsWith("//", StringComparison.Ordinal) && rule.IsMatch(line))
                {
                    offending.Add($"{Path.GetFileName(file)}:{i + 1}: {line}");
                }
            }
        }

        return [.. offending];
    }

    /// <summary>The types the namespace's members name in their signatures that <paramref name="forbidden"/> matches.</summary>
    private static string[] SignatureReferences(string ns, Func<Type, bool> forbidden)
    {
        Type[] types = Library.GetTypes().Where(t => t.Namespace == ns).ToArray();
        Assert.NotEmpty(types);
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Type type in types)
        {
            var named = new List<Type>();
            if (type.BaseType is { } baseType)
            {
                named.Add(baseType);
            }

            named.AddRange(type.GetInterfaces());
            named.AddRange(type.GetFields(All).Select(f => f.FieldType));
            named.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
            foreach (MethodBase method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                named.AddRange(method.GetParameters().Select(p => p.ParameterType));
                if (method is MethodInfo info)
                {
                    named.Add(info.ReturnType);
                }
            }

            foreach (Type reference in named.SelectMany(Flatten).Where(forbidden))
            {
                found.Add($"{type.FullName} -> {reference.FullName}");
            }
        }

        return [.. found];
    }

    /// <summary>A type and the types it is built from (elements, generic arguments).</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (Type inner in Flatten(element))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (Type inner in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return inner;
            }
        }
    }

    private static bool IsIn(Type type, string ns)
        => type.Namespace is { } name && (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>src/Oss.ResumableUpload, found by walking up from the test assembly to the folder holding Oss.ResumableUpload.sln.</summary>
    private static string SourceRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oss.ResumableUpload.sln")))
            {
                return Path.Combine(directory.FullName, "src", "Oss.ResumableUpload");
            }
        }

        throw new InvalidOperationException("Oss.ResumableUpload.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bOss\.ResumableUpload\.Transport\b|\bTransport\.[A-Z]|\bSystem\.Net\.Http\b|\bHttpContent\b|\bHttpMethod\b|\bHttpRequestMessage\b|\bHttpResponseMessage\b")]
    private static partial Regex TransportOrHttp();

    [GeneratedRegex(@"\bOss\.ResumableUpload\.(Resumable|Transport)\b|\b(Resumable|Transport)\.[A-Z]")]
    private static partial Regex EngineOrTransport();

    [GeneratedRegex(@"\busing\s+Oss\.ResumableUpload\.(?!Signing\b)\w+|\b(Transport|Resumable|Checkpoints|Protocol|Hashing|Diagnostics)\.[A-Z]")]
    private static partial Regex NonSigningLibraryNamespace();
}
