using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The checkpoint of one upload call through an <see cref="ICheckpointStore"/>: it loads, validates and removes
/// ignored checkpoints, cleans up after initiate intents, and once the upload has an id writes the checkpoint with a
/// <see cref="CheckpointWriter"/> (batched on part completion, forced before Complete and on a kept cancel or failure).
/// It holds the object's checkpoint lock, taken by <see cref="CheckpointSessionFactory"/>, until disposed.
/// </summary>
internal sealed class CheckpointSession(
    ICheckpointStore store,
    CheckpointKey key,
    IDisposable? objectLock,
    InitiateIntent intent,
    CheckpointSavePolicy savePolicy,
    TimeSpan abortTimeout,
    TimeProvider timeProvider,
    ILogger logger) : ICheckpointSession
{
    private CheckpointWriter? _writer;

    // A checkpoint was loaded for a resume and its writer is not started yet (ListParts and adoption are running).
    // Until then the document on disk still describes the upload exactly: keeping means leaving it as it is.
    private bool _loadedNotStarted;

    public bool CanKeepForResume => _writer is not null || _loadedNotStarted;

    public async Task<LoadedCheckpoint?> LoadAsync(long fileLength, CancellationToken cancellationToken)
    {
        string? json;
        try
        {
            json = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointLoadFailed(logger, key.BucketName, key.ObjectKey, ex);
            return null;
        }

        if (json is null)
        {
            return null;
        }

        string? problem;
        bool parsed = CheckpointSerializer.TryDeserialize(json, out CheckpointDocument? document, out problem);
        if (parsed && InitiateIntent.IsIntent(document!)
            && string.Equals(document!.BucketName, key.BucketName, StringComparison.Ordinal)
            && string.Equals(document.ObjectKey, key.ObjectKey, StringComparison.Ordinal))
        {
            await CleanIntentAsync(document, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (parsed && (problem = CheckpointValidator.Validate(document!, key, fileLength, out PartLayout layout)) is null)
        {
            Log.CheckpointLoaded(logger, document!.UploadId, document.Parts.Count, document.PartCount);
            _loadedNotStarted = true;
            return new LoadedCheckpoint(document, layout);
        }

        // Ignored and removed, so that a bad document costs one warning, not every later upload of the object.
        Log.CheckpointIgnored(logger, key.BucketName, key.ObjectKey, problem ?? "it is invalid");
        await DeleteStoredAsync(cancellationToken).ConfigureAwait(false);

        return null;
    }

    public Task<bool> SaveIntentAsync(string filePath, PartLayout layout, CancellationToken cancellationToken)
        => intent.SaveAsync(store, key, filePath, layout, cancellationToken);

    public async Task CleanInterruptedInitiateAsync()
    {
        using var timeout = new CancellationTokenSource(abortTimeout, timeProvider);
        try
        {
            await intent.AbortLeftoversAsync(key.BucketName, key.ObjectKey, timeProvider.GetUtcNow(), timeout.Token).ConfigureAwait(false);
            await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.InterruptedInitiateCleanFailed(logger, key.BucketName, key.ObjectKey, ex);
        }
    }

    public void Start(string uploadId, string filePath, PartLedger ledger)
    {
        _writer = new CheckpointWriter(store, ledger.Layout.ToCheckpointUpload(key, uploadId, filePath), ledger, savePolicy, timeProvider, logger);
        _loadedNotStarted = false;
    }

    public ValueTask OnPartCompletedAsync(CancellationToken cancellationToken)
        => _writer?.OnPartCompletedAsync(cancellationToken) ?? default;

    public ValueTask<bool> SaveAsync(CancellationToken cancellationToken)
        => _writer?.SaveAsync(cancellationToken) ?? new(_loadedNotStarted);

    public async ValueTask DeleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else if (_loadedNotStarted)
        {
            // An aborted resume that had not started writing: its loaded checkpoint goes with it.
            _loadedNotStarted = false;
            await DeleteStoredAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask ForgetAsync()
    {
        _loadedNotStarted = false;
        if (_writer is not null)
        {
            await _writer.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
            _writer = null;
        }
        else
        {
            // Not started yet: the checkpoint loaded for a resume whose ListParts found no upload is deleted directly.
            await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose() => objectLock?.Dispose();

    /// <summary>Deletes the stored document directly (no writer involved); a failure is logged, not thrown.</summary>
    private async ValueTask DeleteStoredAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.IgnoredCheckpointDeleteFailed(logger, key.BucketName, key.ObjectKey, ex);
        }
    }

    /// <summary>A process died while initiating: abort what it may have left, then forget the intent.</summary>
    private async Task CleanIntentAsync(CheckpointDocument intentDocument, CancellationToken cancellationToken)
    {
        try
        {
            await intent.AbortLeftoversAsync(intentDocument, cancellationToken).ConfigureAwait(false);
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept: the next call tries again. This call starts afresh either way.
            Log.InterruptedInitiateCleanFailed(logger, key.BucketName, key.ObjectKey, ex);
        }
    }
}
