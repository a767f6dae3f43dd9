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
internal sealed class CheckpointSession : ICheckpointSession
{
    private readonly ICheckpointStore _store;
    private readonly CheckpointKey _key;
    private readonly IDisposable? _objectLock;
    private readonly InitiateIntent _intent;
    private readonly CheckpointSavePolicy _savePolicy;
    private readonly TimeSpan _abortTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private CheckpointWriter? _writer;

    public CheckpointSession(
        ICheckpointStore store,
        CheckpointKey key,
        IDisposable? objectLock,
        InitiateIntent intent,
        CheckpointSavePolicy savePolicy,
        TimeSpan abortTimeout,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _store = store;
        _key = key;
        _objectLock = objectLock;
        _intent = intent;
        _savePolicy = savePolicy;
        _abortTimeout = abortTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public bool CanKeepForResume => _writer is not null;

    public async Task<LoadedCheckpoint?> LoadAsync(long fileLength, CancellationToken cancellationToken)
    {
        string? json;
        try
        {
            json = await _store.LoadAsync(_key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointLoadFailed(_logger, _key.BucketName, _key.ObjectKey, ex);
            return null;
        }

        if (json is null)
        {
            return null;
        }

        string? problem;
        bool parsed = CheckpointSerializer.TryDeserialize(json, out CheckpointDocument? document, out problem);
        if (parsed && InitiateIntent.IsIntent(document!)
            && string.Equals(document!.BucketName, _key.BucketName, StringComparison.Ordinal)
            && string.Equals(document.ObjectKey, _key.ObjectKey, StringComparison.Ordinal))
        {
            await CleanIntentAsync(document, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (parsed && (problem = CheckpointValidator.Validate(document!, _key, fileLength, out PartLayout layout)) is null)
        {
            Log.CheckpointLoaded(_logger, document!.UploadId, document.Parts.Count, document.PartCount);
            return new LoadedCheckpoint(document, layout);
        }

        // Ignored and removed, so that a bad document costs one warning, not every later upload of the object.
        Log.CheckpointIgnored(_logger, _key.BucketName, _key.ObjectKey, problem ?? "it is invalid");
        try
        {
            await _store.DeleteAsync(_key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.IgnoredCheckpointDeleteFailed(_logger, _key.BucketName, _key.ObjectKey, ex);
        }

        return null;
    }

    public Task<bool> SaveIntentAsync(string filePath, PartLayout layout, CancellationToken cancellationToken)
        => _intent.SaveAsync(_store, _key, filePath, layout, cancellationToken);

    public async Task CleanInterruptedInitiateAsync()
    {
        using var timeout = new CancellationTokenSource(_abortTimeout, _timeProvider);
        try
        {
            await _intent.AbortLeftoversAsync(_key.BucketName, _key.ObjectKey, _timeProvider.GetUtcNow(), timeout.Token).ConfigureAwait(false);
            await _store.DeleteAsync(_key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.InterruptedInitiateCleanFailed(_logger, _key.BucketName, _key.ObjectKey, ex);
        }
    }

    public void Start(string uploadId, string filePath, PartLedger ledger)
        => _writer = new CheckpointWriter(_store, ledger.Layout.ToCheckpointUpload(_key, uploadId, filePath), ledger, _savePolicy, _timeProvider, _logger);

    public ValueTask OnPartCompletedAsync(CancellationToken cancellationToken)
        => _writer?.OnPartCompletedAsync(cancellationToken) ?? default;

    public ValueTask<bool> SaveAsync(CancellationToken cancellationToken)
        => _writer?.SaveAsync(cancellationToken) ?? new(false);

    public ValueTask DeleteAsync()
        => _writer?.DeleteAsync(CancellationToken.None) ?? default;

    public async ValueTask ForgetAsync()
    {
        if (_writer is not null)
        {
            await _writer.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
            _writer = null;
        }
        else
        {
            // Not started yet: the checkpoint loaded for a resume whose ListParts found no upload is deleted directly.
            await _store.DeleteAsync(_key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose() => _objectLock?.Dispose();

    /// <summary>A process died while initiating: abort what it may have left, then forget the intent.</summary>
    private async Task CleanIntentAsync(CheckpointDocument intent, CancellationToken cancellationToken)
    {
        try
        {
            await _intent.AbortLeftoversAsync(intent, cancellationToken).ConfigureAwait(false);
            await _store.DeleteAsync(_key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept: the next call tries again. This call starts afresh either way.
            Log.InterruptedInitiateCleanFailed(_logger, _key.BucketName, _key.ObjectKey, ex);
        }
    }
}
