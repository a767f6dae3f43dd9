using System.Reflection;
using System.Runtime.CompilerServices;

namespace Oss.ResumableUpload.Tests.Conventions;

/// <summary>Reflection over the public surface: async naming and token placement, sealed by default.</summary>
public sealed class PublicApiConventionTests
{
    private static readonly Assembly s_library = typeof(OssClient).Assembly;

    private static IEnumerable<MethodInfo> PublicMethods() => s_library.GetExportedTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => !m.IsSpecialName);

    [Fact]
    public void Every_public_awaitable_method_ends_in_Async_and_takes_the_token_last_with_a_default()
    {
        var offenders = new List<string>();
        foreach (MethodInfo method in PublicMethods())
        {
            Type returnType = method.ReturnType;
            bool awaitable = typeof(Task).IsAssignableFrom(returnType)
                || returnType == typeof(ValueTask)
                || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
                || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
            if (!awaitable)
            {
                continue;
            }

            string name = $"{method.DeclaringType!.Name}.{method.Name}";
            if (!method.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                offenders.Add(name + ": name does not end in Async");
            }

            ParameterInfo? last = method.GetParameters().LastOrDefault();
            if (last is null || last.ParameterType != typeof(CancellationToken) || last.Name != "cancellationToken" || !last.HasDefaultValue)
            {
                offenders.Add(name + ": last parameter is not 'CancellationToken cancellationToken = default'");
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_convention_test_sees_the_client_methods()
    {
        string[] names = PublicMethods().Where(m => m.DeclaringType == typeof(OssClient)).Select(m => m.Name).ToArray();
        Assert.Contains("ResumableUploadAsync", names);
        Assert.Contains("UploadPartAsync", names);
        Assert.Contains("ListMultipartUploadsAsync", names);
    }

    [Fact]
    public void Public_classes_are_sealed_unless_designed_for_extension()
    {
        Type[] extensible = [typeof(OssClient), typeof(OssException)];
        string[] unsealed = s_library.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !extensible.Contains(t) && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Select(t => t.FullName!)
            .ToArray();
        Assert.Empty(unsealed);
    }

    [Fact]
    public void OssClient_service_methods_are_virtual_for_mocking()
    {
        string[] nonVirtual = typeof(OssClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && !m.IsVirtual)
            .Select(m => m.Name)
            .ToArray();
        Assert.Empty(nonVirtual);
        Assert.NotNull(typeof(OssClient).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes));
    }

    [Fact]
    public void Public_types_live_in_the_root_namespace()
        => Assert.All(s_library.GetExportedTypes(), t => Assert.Equal("Oss.ResumableUpload", t.Namespace));
}
