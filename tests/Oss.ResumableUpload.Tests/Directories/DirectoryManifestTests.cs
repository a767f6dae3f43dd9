using Oss.ResumableUpload.Directories;

namespace Oss.ResumableUpload.Tests.Directories;

/// <summary>The tree manifest read as hostile input: bounded, checked field by field, and for one tree only.</summary>
public sealed class DirectoryManifestTests : IDisposable
{
    private const string Bucket = "bucket";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oss-manifest-" + Guid.NewGuid().ToString("N"));

    public DirectoryManifestTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task ARecordedFileIsFoundAgainOnlyWhileItsFingerprintMatches()
    {
        var file = new LocalTreeFile("/x/a.bin", "a.bin", 10, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        DirectoryManifest first = Open("/tree");
        await first.RecordAsync(file, "\"etag\"", 42, CancellationToken.None);
        await first.SaveAsync(CancellationToken.None);

        DirectoryManifest second = Open("/tree");

        Assert.True(second.Existed);
        Assert.Equal(42UL, second.Find(file)!.Crc64);
        Assert.Null(second.Find(file with { Size = 11 }));
        Assert.Null(second.Find(file with { LastWriteTimeUtc = file.LastWriteTimeUtc.AddSeconds(1) }));
    }

    [Fact]
    public void RecordsWithImpossibleValuesAreDroppedAndTheValidOnesKept()
    {
        Write("/tree", """
            {"version":1,"bucketName":"bucket","keyPrefix":"","localDirectory":"/tree","files":{
              "ok.bin":{"size":5,"lastWriteTicks":1,"eTag":"e","crc64":7},
              "negative.bin":{"size":-1,"lastWriteTicks":1,"eTag":"e"},
              "no-etag.bin":{"size":5,"lastWriteTicks":1,"eTag":""},
              "time.bin":{"size":5,"lastWriteTicks":-3,"eTag":"e"}}}
            """);

        DirectoryManifest manifest = Open("/tree");

        Assert.True(manifest.Existed);
        Assert.NotNull(manifest.Find(new LocalTreeFile("/tree/ok.bin", "ok.bin", 5, new DateTime(1, DateTimeKind.Utc))));
        Assert.Null(manifest.Find(new LocalTreeFile("/tree/negative.bin", "negative.bin", -1, new DateTime(1, DateTimeKind.Utc))));
        Assert.Null(manifest.Find(new LocalTreeFile("/tree/no-etag.bin", "no-etag.bin", 5, new DateTime(1, DateTimeKind.Utc))));
    }

    [Theory]
    [InlineData("""{"version":2,"bucketName":"bucket","keyPrefix":"","localDirectory":"/tree","files":{}}""")]
    [InlineData("""{"version":1,"bucketName":"other","keyPrefix":"","localDirectory":"/tree","files":{}}""")]
    [InlineData("""{"version":1,"bucketName":"bucket","keyPrefix":"","localDirectory":"/elsewhere","files":{}}""")]
    [InlineData("""{"version":1,"bucketName":"bucket","keyPrefix":"","localDirectory":"/tree","files":null}""")]
    [InlineData("not json")]
    [InlineData("")]
    public void AManifestOfAnotherVersionOrTreeOrMalformedCountsAsAbsent(string content)
    {
        Write("/tree", content);

        Assert.False(Open("/tree").Existed);
    }

    [Fact]
    public void AManifestOverTheSizeBoundIsNotRead()
    {
        string path = Path.Combine(_directory, DirectoryManifest.FileName(Bucket, "", "/tree"));
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.SetLength(DirectoryManifest.MaxBytes + 1); // sparse: cheap to create, and never parsed
        }

        Assert.False(Open("/tree").Existed);
    }

    [Fact]
    public void TheFileNameNamesNeitherTheBucketNorThePrefixNorThePath()
    {
        string name = DirectoryManifest.FileName("secret-bucket", "private/prefix/", "/home/someone/tree");

        Assert.Matches("^tree-[0-9a-f]{32}\\.manifest$", name);
        Assert.NotEqual(name, DirectoryManifest.FileName("secret-bucket", "private/prefix/", "/home/someone/other"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DirectoryManifest Open(string tree) => DirectoryManifest.Open(_directory, Bucket, "", tree, TimeProvider.System);

    private void Write(string tree, string content) => File.WriteAllText(Path.Combine(_directory, DirectoryManifest.FileName(Bucket, "", tree)), content);
}
