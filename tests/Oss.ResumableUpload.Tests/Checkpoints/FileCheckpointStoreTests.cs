using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Tests.Engine;

namespace Oss.ResumableUpload.Tests.Checkpoints;

public sealed class FileCheckpointStoreTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Saves_loads_and_deletes()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        CheckpointKey key = CheckpointDocuments.Key;

        Assert.Null(await store.LoadAsync(key));
        await store.SaveAsync(key, "{\"a\":1}");
        Assert.Equal("{\"a\":1}", await store.LoadAsync(key));
        await store.DeleteAsync(key);
        Assert.Null(await store.LoadAsync(key));
        await store.DeleteAsync(key);
    }

    [Fact]
    public async Task A_save_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        CheckpointKey key = CheckpointDocuments.Key;
        await store.SaveAsync(key, new string('x', 100_000));

        await store.SaveAsync(key, "short");

        Assert.Equal("short", await store.LoadAsync(key));
        string[] files = Directory.GetFiles(_files.CheckpointDirectory);
        Assert.Single(files, f => f.EndsWith(".ckpt", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_are_named_by_hash_whatever_the_key()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        var key = new CheckpointKey("test-bucket", "../../etc/目录 with spaces/" + new string('k', 900), "v1-fp");

        await store.SaveAsync(key, "{}");

        string file = Assert.Single(Directory.GetFiles(_files.CheckpointDirectory, "*.ckpt"));
        string name = Path.GetFileName(file);
        Assert.Matches("^[0-9a-f]{32}-[0-9a-f]{32}\\.ckpt$", name);
        Assert.Equal(FileCheckpointStore.GetFileName(key), name);
        Assert.Equal(Path.GetFullPath(_files.CheckpointDirectory), Path.GetDirectoryName(file));
        Assert.Equal("{}", await store.LoadAsync(key));
    }

    [Fact]
    public async Task Files_and_created_directories_are_private_to_the_user_on_Unix()
    {
        var store = new FileCheckpointStore(Path.Combine(_files.CheckpointDirectory, "nested"));
        await store.SaveAsync(CheckpointDocuments.Key, "{}");
        string file = Assert.Single(Directory.GetFiles(store.DirectoryPath, "*.ckpt"));

        if (OperatingSystem.IsWindows())
        {
            Assert.True(File.Exists(file));
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.DirectoryPath));
    }

    [Fact]
    public async Task Lists_every_fingerprint_of_one_object_and_nothing_else()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        var first = new CheckpointKey("test-bucket", "a/ключ", "v1-one");
        var second = first with { FileFingerprint = "v1-two" };
        await store.SaveAsync(first, "{}");
        await store.SaveAsync(second, "{}");
        await store.SaveAsync(first with { ObjectKey = "a/other" }, "{}");
        await store.SaveAsync(first with { BucketName = "other-bucket" }, "{}");

        List<CheckpointKey> listed = await ToListAsync(store.ListAsync("test-bucket", "a/ключ"));

        Assert.Equal([first, second], listed.OrderBy(k => k.FileFingerprint));
        Assert.Empty(await ToListAsync(new FileCheckpointStore(Path.Combine(_files.DirectoryPath, "missing")).ListAsync("b", "k")));
    }

    [Fact]
    public async Task A_file_saved_under_another_key_is_not_returned()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        CheckpointKey key = CheckpointDocuments.Key;
        CheckpointKey other = key with { FileFingerprint = "v1-other" };
        await store.SaveAsync(other, "{\"other\":true}");

        // As if two keys' hashes collided: the header inside names the other key.
        File.Copy(Path.Combine(store.DirectoryPath, FileCheckpointStore.GetFileName(other)), Path.Combine(store.DirectoryPath, FileCheckpointStore.GetFileName(key)));

        Assert.Null(await store.LoadAsync(key));
    }

    [Fact]
    public async Task A_damaged_file_is_returned_whole_so_that_the_engine_reports_it()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        CheckpointKey key = CheckpointDocuments.Key;
        await store.SaveAsync(key, "{}");
        await File.WriteAllTextAsync(Path.Combine(store.DirectoryPath, FileCheckpointStore.GetFileName(key)), "garbage without a header");

        Assert.Equal("garbage without a header", await store.LoadAsync(key));
    }

    [Fact]
    public void A_second_lock_on_the_same_object_fails_until_the_first_is_released()
    {
        ICheckpointLockProvider first = new FileCheckpointStore(_files.CheckpointDirectory);
        ICheckpointLockProvider second = new FileCheckpointStore(_files.CheckpointDirectory);

        IDisposable held = first.AcquireLock("test-bucket", "k");
        OssClientException error = Assert.Throws<OssClientException>(() => second.AcquireLock("test-bucket", "k"));
        Assert.Equal(OssClientErrorCode.CheckpointLocked, error.ErrorCode);
        Assert.Contains("oss://test-bucket/k", error.Message);

        // Another object is independent.
        second.AcquireLock("test-bucket", "other").Dispose();

        held.Dispose();
        second.AcquireLock("test-bucket", "k").Dispose();
    }

    [Fact]
    public void The_lock_is_an_OS_lock_on_a_file_in_the_directory()
    {
        ICheckpointLockProvider store = new FileCheckpointStore(_files.CheckpointDirectory);
        using IDisposable held = store.AcquireLock("test-bucket", "k");
        string lockFile = Assert.Single(Directory.GetFiles(_files.CheckpointDirectory, "*.lock"));

        // Any other open of the lock file for exclusive use fails while it is held, as another process's would.
        Assert.Throws<IOException>(() => new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
    }

    [Fact]
    public void Rejects_an_empty_directory()
        => Assert.Throws<ArgumentException>(() => new FileCheckpointStore(" "));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
