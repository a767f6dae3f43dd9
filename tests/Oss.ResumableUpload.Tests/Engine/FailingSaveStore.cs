namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>An in-memory checkpoint store whose saves can be made to fail, like a full disk.</summary>
internal sealed class FailingSaveStore : ICheckpointStore
{
    private readonly InMemoryCheckpointStore _inner = new();

    public volatile bool FailSaves;

    public int Count => _inner.Count;

    public ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default) => _inner.LoadAsync(key, cancellationToken);

    public ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default)
        => FailSaves ? ValueTask.FromException(new IOException("No space left on device")) : _inner.SaveAsync(key, checkpointJson, cancellationToken);

    public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default) => _inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default) => _inner.ListAsync(bucketName, objectKey, cancellationToken);
}
