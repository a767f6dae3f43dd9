using System.Reflection;
using System.Runtime.CompilerServices;
using Oss.ResumableUpload.Directories;

namespace Oss.ResumableUpload.Tests.Directories;

/// <summary>
/// Every setting of <see cref="UploadDirectoryRequest"/> that <see cref="ResumableUploadRequest"/> also has reaches
/// each file's request, and every setting of <see cref="ResumableUploadRequest"/> is either offered for a tree or
/// listed here as one a tree does not take: a setting added to either side and not carried across fails here.
/// </summary>
public sealed class DirectoryFileRequestTests
{
    /// <summary>The file's settings a directory request does not offer, and why.</summary>
    private static readonly Dictionary<string, string> s_notForATree = new(StringComparer.Ordinal)
    {
        ["ObjectKey"] = "each file's key is KeyPrefix + its relative path",
        ["UploadFilePath"] = "each file's path",
        ["UploadStream"] = "a tree is files",
        ["UploadStreamIdentity"] = "a tree is files",
        ["CheckpointStore"] = "the tree's manifest lives in CheckpointDirectory",
        ["RestartWhenCannotResume"] = "a directory upload restarts a file whose upload vanished by itself",
        ["Callback"] = "a callback is per object",
        ["UseSinglePutForSmallFiles"] = "always on for a tree",
        ["AdaptiveConcurrency"] = "the tree's budget of MaxConcurrency parts governs, so a file never adapts",
        ["AdaptiveMemoryLimit"] = "the tree's budget of MaxConcurrency parts governs, so a file never adapts",
    };

    private static readonly LocalTreeFile s_file = new("/tree/a/b.txt", "a/b.txt", 5, DateTime.UnixEpoch);

    [Fact]
    public void EverySharedSettingIsCarriedToEachFilesRequest()
    {
        PropertyInfo[] shared = SharedProperties();
        Assert.Contains(shared, p => p.Name == nameof(UploadDirectoryRequest.StorageClass));
        Assert.Contains(shared, p => p.Name == nameof(UploadDirectoryRequest.TrafficLimit));

        foreach (PropertyInfo property in shared)
        {
            object value = DistinctValue(property);
            UploadDirectoryRequest request = With(property, value);

            ResumableUploadRequest file = DirectoryUploader.CreateFileRequest(request, s_file, "p/a/b.txt", progress: null, budget: null);

            object? carried = typeof(ResumableUploadRequest).GetProperty(property.Name)!.GetValue(file);
            Assert.True(Equals(value, carried), $"{property.Name}: set {value}, the file's request has {carried ?? "null"}.");
        }
    }

    [Fact]
    public void EverySettingOfAFileIsOfferedForATreeOrListedAsNotForATree()
    {
        string[] directory = [.. InitProperties(typeof(UploadDirectoryRequest)).Select(p => p.Name)];
        string[] missing = [.. InitProperties(typeof(ResumableUploadRequest))
            .Select(p => p.Name)
            .Where(name => !directory.Contains(name) && !s_notForATree.ContainsKey(name))];

        Assert.True(missing.Length == 0, "ResumableUploadRequest settings neither on UploadDirectoryRequest nor listed as not for a tree: " + string.Join(", ", missing));
        Assert.All(s_notForATree.Keys, name => Assert.NotNull(typeof(ResumableUploadRequest).GetProperty(name)));
    }

    [Fact]
    public void TheKeyPathAndDefaultCancelBehaviorComeFromTheTree()
    {
        var plain = new UploadDirectoryRequest { LocalDirectory = "/tree", BucketName = "b" };
        var kept = new UploadDirectoryRequest { LocalDirectory = "/tree", BucketName = "b", CheckpointDirectory = "/cp" };

        ResumableUploadRequest file = DirectoryUploader.CreateFileRequest(plain, s_file, "p/a/b.txt", progress: null, budget: null);

        Assert.Equal("p/a/b.txt", file.ObjectKey);
        Assert.Equal("/tree/a/b.txt", file.UploadFilePath);
        Assert.Equal(UploadCancelBehavior.Abort, file.CancelBehavior);
        Assert.Equal(UploadCancelBehavior.KeepForResume, DirectoryUploader.CreateFileRequest(kept, s_file, "k", null, null).CancelBehavior);
    }

    /// <summary>The public init properties of the directory request that the file request has too, with a compatible type (Progress has another type and is the tracker's).</summary>
    private static PropertyInfo[] SharedProperties()
        => [.. InitProperties(typeof(UploadDirectoryRequest)).Where(p =>
            typeof(ResumableUploadRequest).GetProperty(p.Name) is PropertyInfo target
            && (target.PropertyType == p.PropertyType || Nullable.GetUnderlyingType(p.PropertyType) == target.PropertyType))];

    private static IEnumerable<PropertyInfo> InitProperties(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is MethodInfo set && set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)));

    private static UploadDirectoryRequest With(PropertyInfo property, object value)
    {
        var request = new UploadDirectoryRequest { LocalDirectory = "/tree", BucketName = "bucket" };
        property.SetValue(request, value);
        return request;
    }

    /// <summary>A value unlike the property's default (and unlike what the file request would pick by itself).</summary>
    private static object DistinctValue(PropertyInfo property)
    {
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            _ when type == typeof(string) => "value-of-" + property.Name,
            _ when type == typeof(bool) => !(bool)property.GetValue(new UploadDirectoryRequest { LocalDirectory = "/t", BucketName = "b" })!,
            _ when type == typeof(int) => 37,
            _ when type == typeof(long) => 1_234_567L,
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero),
            _ when type == typeof(UploadCancelBehavior) => UploadCancelBehavior.KeepForResume,
            _ when type == typeof(IReadOnlyDictionary<string, string>) => new Dictionary<string, string> { ["k-" + property.Name] = "v" },
            _ => throw new InvalidOperationException($"Add a distinct value for {property.Name} of type {type} to this test."),
        };
    }
}
