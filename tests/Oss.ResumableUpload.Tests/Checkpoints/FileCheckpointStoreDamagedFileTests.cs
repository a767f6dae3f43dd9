using System.Text;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Tests.Engine;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Checkpoints;

/// <summary>
/// Files of the object whose header no key can name must neither crash a caller nor stay forever: they are never
/// listed, and the end of an upload of the object (the release of its lock) removes them.
/// </summary>
public sealed class FileCheckpointStoreDamagedFileTests : IDisposable
{
    private const string Bucket = "test-bucket";
    private const string ObjectKey = "dir/object.bin";

    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> DamagedHeaderLines()
    {
        var lines = new TheoryData<string>();
        string[] values = ["null", "\"\"", "5", "true", "{}", "[]", "\"" + new string('x', 100_000) + "\""];
        foreach (string value in values)
        {
            lines.Add($"{{\"bucketName\":\"{Bucket}\",\"objectKey\":\"{ObjectKey}\",\"fingerprint\":{value}}}");
            lines.Add($"{{\"bucketName\":{value},\"objectKey\":\"{ObjectKey}\",\"fingerprint\":\"v1-x\"}}");
        }

        lines.Add($"{{\"bucketName\":\"{Bucket}\",\"objectKey\":\"{ObjectKey}\"}}");
        lines.Add("null");
        lines.Add("{");
        lines.Add(string.Empty);
        lines.Add(new string('x', 1_000_000));
        return lines;
    }

    [Theory]
    [MemberData(nameof(DamagedHeaderLines))]
    public async Task The_superseded_upload_sweep_never_gets_a_key_it_cannot_use_and_the_damaged_file_goes(string headerLine)
    {
        var logs = new ListLoggerFactory();
        var store = new FileCheckpointStore(_files.CheckpointDirectory, logs);
        var good = new CheckpointKey(Bucket, ObjectKey, "v1-good");
        await store.SaveAsync(good, "{}");
        string damaged = Plant(store, headerLine + "\n{}");

        // What the engine does: lock, let SupersededUploadCleaner list and then load (and delete) what was listed, release.
        using (((ICheckpointLockProvider)store).AcquireLock(Bucket, ObjectKey))
        {
            Assert.Equal([good], await SweepAsync(store));
        }

        Assert.False(File.Exists(damaged), "the damaged file should have been removed");
        Assert.True(logs.Has(1301), logs.AllText);
        Assert.Equal([good], await SweepAsync(store));
        Assert.Single(Directory.GetFiles(store.DirectoryPath));
    }

    [Fact]
    public async Task A_file_whose_header_names_another_key_than_its_name_is_not_listed_and_goes()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        var key = new CheckpointKey(Bucket, ObjectKey, "v1-one");
        await store.SaveAsync(key, "{}");
        string copy = Plant(store, File.ReadAllText(Path.Combine(store.DirectoryPath, FileCheckpointStore.GetFileName(key))));

        Assert.Equal([key], await SweepAsync(store));
        ((ICheckpointLockProvider)store).AcquireLock(Bucket, ObjectKey).Dispose();
        Assert.False(File.Exists(copy));
        Assert.Equal([key], await SweepAsync(store));
    }

    [Fact]
    public async Task A_damaged_file_of_the_current_fingerprint_is_still_handed_to_the_engine_whole()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        var key = new CheckpointKey(Bucket, ObjectKey, "v1-current");
        await store.SaveAsync(key, "{}");
        File.WriteAllText(Path.Combine(store.DirectoryPath, FileCheckpointStore.GetFileName(key)), "garbage");

        using (((ICheckpointLockProvider)store).AcquireLock(Bucket, ObjectKey))
        {
            Assert.Empty(await SweepAsync(store));

            // So that the engine reports it as corrupt (event 3001) rather than silently starting over.
            Assert.Equal("garbage", await store.LoadAsync(key));
        }
    }

    [Fact]
    public async Task Save_rejects_a_key_whose_header_would_be_too_long_to_read_back()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SaveAsync(new CheckpointKey(Bucket, new string('k', CheckpointFileHeader.MaxLength), "v1"), "{}"));
    }

    private static async Task<List<CheckpointKey>> SweepAsync(FileCheckpointStore store)
    {
        var listed = new List<CheckpointKey>();
        await foreach (CheckpointKey key in store.ListAsync(Bucket, ObjectKey))
        {
            listed.Add(key);
            Assert.NotNull(await store.LoadAsync(key));
        }

        return listed;
    }

    /// <summary>Writes a file with a name of this object's checkpoints but a random fingerprint hash.</summary>
    private static string Plant(FileCheckpointStore store, string content)
    {
        string objectHash = FileCheckpointStore.GetFileName(new CheckpointKey(Bucket, ObjectKey, "x"))[..32];
        string path = Path.Combine(store.DirectoryPath, objectHash + "-" + Guid.NewGuid().ToString("N") + ".ckpt");
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
