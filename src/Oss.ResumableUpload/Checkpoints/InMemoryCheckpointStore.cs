using System.Collections.Concurrent;
using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload;

/// <summary>
/// A thread-safe checkpoint store in memory, for tests and for applications that persist checkpoints themselves.
/// Checkpoints live as long as the instance. Like <see cref="FileCheckpointStore"/> it lets only one upload at a
/// time drive an object's checkpoints; a second one fails with <see cref="OssClientErrorCode.CheckpointLocked"/>.
/// </summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore, ICheckpointLockProvider
{
    private readonly ConcurrentDictionary<CheckpointKey, string> _documents = new();
    private readonly ConcurrentDictionary<(string BucketName, string ObjectKey), byte> _locks = new();

    /// <summary>Gets the number of stored checkpoints.</summary>
    public int Count => _documents.Count;

    /// <inheritdoc />
    public ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<string?>(_documents.TryGetValue(key, out string? json) ? json : null);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpointJson);
        cancellationToken.ThrowIfCancellationRequested();
        _documents[key] = checkpointJson;
        return default;
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _documents.TryRemove(key, out _);
        return default;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        ArgumentNullException.ThrowIfNull(objectKey);
        var matches = new List<CheckpointKey>();
        foreach (CheckpointKey key in _documents.Keys)
        {
            if (string.Equals(key.BucketName, bucketName, StringComparison.Ordinal) && string.Equals(key.ObjectKey, objectKey, StringComparison.Ordinal))
            {
                matches.Add(key);
            }
        }

        return new SnapshotAsyncEnumerable<CheckpointKey>(matches);
    }

    IDisposable ICheckpointLockProvider.AcquireLock(string bucketName, string objectKey)
    {
        var lockKey = (bucketName, objectKey);
        if (!_locks.TryAdd(lockKey, 0))
        {
            throw CheckpointLockError.Create(bucketName, objectKey, "an in-memory store");
        }

        return new Releaser(_locks, lockKey);
    }

    private sealed class Releaser(ConcurrentDictionary<(string BucketName, string ObjectKey), byte> locks, (string BucketName, string ObjectKey) lockKey) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                locks.TryRemove(lockKey, out _);
            }
        }
    }
}
