using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Tests.Checkpoints;

public sealed class InMemoryCheckpointStoreTests
{
    [Fact]
    public async Task Saves_loads_lists_and_deletes()
    {
        var store = new InMemoryCheckpointStore();
        CheckpointKey key = CheckpointDocuments.Key;
        await store.SaveAsync(key, "one");
        await store.SaveAsync(key with { FileFingerprint = "v1-two" }, "two");
        await store.SaveAsync(key with { ObjectKey = "else" }, "three");

        Assert.Equal("one", await store.LoadAsync(key));
        var listed = new List<CheckpointKey>();
        await foreach (CheckpointKey k in store.ListAsync(key.BucketName, key.ObjectKey))
        {
            listed.Add(k);
        }

        Assert.Equal(2, listed.Count);
        await store.DeleteAsync(key);
        Assert.Null(await store.LoadAsync(key));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task Is_safe_for_parallel_use()
    {
        var store = new InMemoryCheckpointStore();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), async (i, token) =>
            await store.SaveAsync(CheckpointDocuments.Key with { FileFingerprint = "fp" + (i % 50) }, i.ToString(System.Globalization.CultureInfo.InvariantCulture), token));

        Assert.Equal(50, store.Count);
    }

    [Fact]
    public void Locks_one_object_at_a_time()
    {
        ICheckpointLockProvider store = new InMemoryCheckpointStore();
        IDisposable held = store.AcquireLock("b", "k");

        Assert.Equal(OssClientErrorCode.CheckpointLocked, Assert.Throws<OssClientException>(() => store.AcquireLock("b", "k")).ErrorCode);
        held.Dispose();
        store.AcquireLock("b", "k").Dispose();
    }
}
