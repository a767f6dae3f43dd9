namespace Oss.ResumableUpload;

/// <summary>Persists resumable-upload checkpoints, which are opaque JSON documents.</summary>
/// <remarks>
/// Implementations must be safe for concurrent use. <see cref="SaveAsync"/> should replace the document atomically,
/// so that a crash leaves either the old or the new one. The library validates what it loads, so a store does not
/// need to.
/// </remarks>
public interface ICheckpointStore
{
    /// <summary>Loads a checkpoint.</summary>
    /// <param name="key">The checkpoint's key.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The JSON document, or null when there is none.</returns>
    ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a checkpoint.</summary>
    /// <param name="key">The checkpoint's key.</param>
    /// <param name="checkpointJson">The JSON document.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the document is durable.</returns>
    ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default);

    /// <summary>Deletes a checkpoint; does nothing when there is none.</summary>
    /// <param name="key">The checkpoint's key.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the checkpoint is gone.</returns>
    ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default);

    /// <summary>Lists the checkpoints for one object, whatever their fingerprint.</summary>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="objectKey">The object key.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The keys of the stored checkpoints.</returns>
    IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default);
}
