using System.Buffers;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Resolves a request's checkpoint store and opens the call's <see cref="ICheckpointSession"/>: with a store, it
/// takes the object's checkpoint lock, fingerprints the file and cleans up superseded uploads; without one, it
/// returns <see cref="NoCheckpointSession"/> and does none of that.
/// </summary>
internal sealed class CheckpointSessionFactory(
    IMultipartOperations operations,
    ILogger logger,
    TimeProvider timeProvider,
    CheckpointSavePolicy savePolicy,
    TimeSpan abortTimeout,
    ArrayPool<byte> bufferPool,
    ILogger storeLogger)
{
    private readonly InitiateIntent _intent = new(operations, logger, timeProvider);

    /// <summary>The one place a request's store is chosen: its own, else a file store in its directory, else none.</summary>
    public ICheckpointStore? ResolveStore(ResumableUploadRequest request)
        => request.CheckpointStore ?? (request.CheckpointDirectory is { Length: > 0 } directory ? new FileCheckpointStore(directory, storeLogger) : null);

    /// <summary>Opens the session; with a store the object stays locked until the session is disposed.</summary>
    /// <exception cref="OssClientException">Another upload holds the object's lock (<see cref="OssClientErrorCode.CheckpointLocked"/>).</exception>
    public async Task<ICheckpointSession> OpenAsync(ICheckpointStore? store, ResumableUploadRequest request, UploadSource source, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return NoCheckpointSession.Instance;
        }

        if (request.UploadStream is not null && request.UploadStreamIdentity is null)
        {
            // Without the caller's name for the content there is nothing safe to key a checkpoint on.
            Log.StreamNotCheckpointed(logger, request.BucketName, request.ObjectKey);
            return NoCheckpointSession.Instance;
        }

        IDisposable? objectLock = (store as ICheckpointLockProvider)?.AcquireLock(request.BucketName, request.ObjectKey);
        try
        {
            var key = new CheckpointKey(request.BucketName, request.ObjectKey, await ComputeFingerprintAsync(request, source, bufferPool, cancellationToken).ConfigureAwait(false));
            await new SupersededUploadCleaner(operations, _intent, logger).CleanAsync(store, key, cancellationToken).ConfigureAwait(false);
            return new CheckpointSession(store, key, objectLock, _intent, savePolicy, abortTimeout, timeProvider, logger);
        }
        catch
        {
            objectLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The checkpoint key's fingerprint: the source's (the file's, or the stream's identity and length) and the digest
    /// of the object settings, so that neither other content nor other settings can resume this upload.
    /// </summary>
    internal static async ValueTask<string> ComputeFingerprintAsync(ResumableUploadRequest request, UploadSource source, ArrayPool<byte> bufferPool, CancellationToken cancellationToken)
    {
        string content = await source.ComputeFingerprintAsync(bufferPool, cancellationToken).ConfigureAwait(false);
        return content + "-o" + ObjectSettingsDigest.Compute(ObjectSettingsDigest.Effective(request));
    }
}
