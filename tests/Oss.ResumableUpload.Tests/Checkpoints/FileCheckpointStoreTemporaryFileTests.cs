using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Tests.Engine;

namespace Oss.ResumableUpload.Tests.Checkpoints;

/// <summary>What a save leaves behind when it is killed, and what makes a finished save survive a power loss.</summary>
public sealed class FileCheckpointStoreTemporaryFileTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Temporary_file_names_start_with_the_object_hash_so_they_can_be_found()
    {
        CheckpointKey key = CheckpointDocuments.Key;

        string name = CheckpointFileNames.Temporary(key);

        Assert.StartsWith(CheckpointFileNames.ObjectHash(key.BucketName, key.ObjectKey) + "-", name, StringComparison.Ordinal);
        Assert.EndsWith(".tmp", name, StringComparison.Ordinal);
        Assert.NotEqual(name, CheckpointFileNames.Temporary(key));
    }

    [Fact]
    public async Task Taking_the_lock_removes_the_temporary_files_a_killed_save_left_for_that_object_only()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);
        CheckpointKey key = CheckpointDocuments.Key;
        CheckpointKey other = key with { ObjectKey = "another/object" };
        await store.SaveAsync(key, "{\"kept\":true}");
        string stale = Plant(CheckpointFileNames.Temporary(key));
        string staleOfOtherFingerprint = Plant(CheckpointFileNames.Temporary(key with { FileFingerprint = "v1-older" }));
        string otherObjects = Plant(CheckpointFileNames.Temporary(other));

        ((ICheckpointLockProvider)store).AcquireLock(key.BucketName, key.ObjectKey).Dispose();

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleOfOtherFingerprint));
        Assert.True(File.Exists(otherObjects), "another object's temporary file may belong to a save in progress");
        Assert.Equal("{\"kept\":true}", await store.LoadAsync(key));
    }

    [Fact]
    public async Task A_save_syncs_the_directory_after_the_rename_on_Unix()
    {
        var store = new FileCheckpointStore(_files.CheckpointDirectory);

        await store.SaveAsync(CheckpointDocuments.Key, "{}");
        await store.SaveAsync(CheckpointDocuments.Key, "{}");

        Assert.Equal(OperatingSystem.IsWindows() ? 0 : 2, store.DirectorySyncCount);
    }

    [Fact]
    public void Syncing_a_directory_works_on_Unix_and_reports_a_missing_one()
    {
        Directory.CreateDirectory(_files.CheckpointDirectory);

        Assert.Equal(!OperatingSystem.IsWindows(), DirectorySync.TryFlush(_files.CheckpointDirectory));
        Assert.False(DirectorySync.TryFlush(Path.Combine(_files.DirectoryPath, "missing")));
    }

    private string Plant(string name)
    {
        string path = Path.Combine(_files.CheckpointDirectory, name);
        File.WriteAllText(path, "half a checkpoint");
        return path;
    }
}
