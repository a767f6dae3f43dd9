using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// Saves one upload's checkpoint through an <see cref="ICheckpointStore"/>: batched while parts complete
/// (<see cref="CheckpointSavePolicy"/>), and on demand at the start, on a failure and on a cancel that keeps the
/// upload. Saves never run concurrently. A failing store is logged, not fatal: the upload goes on, only less resumable.
/// </summary>
internal sealed class CheckpointWriter
{
    private readonly ICheckpointStore _store;
    private readonly CheckpointUpload _upload;
    private readonly ICheckpointPartSource _parts;
    private readonly CheckpointSavePolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _savedCount;
    private long _lastSaveTimestamp;
    private int _saveCount;
    private long _bytesWritten;

    /// <param name="store">Where the checkpoint goes.</param>
    /// <param name="upload">The upload the checkpoint describes; <see cref="CheckpointUpload.Key"/> is also the store key.</param>
    /// <param name="parts">The completed parts, read at each save.</param>
    /// <param name="policy">When a part completion is worth a save.</param>
    /// <param name="timeProvider">The clock of the policy's minimum interval.</param>
    /// <param name="logger">Where saves and store failures are logged.</param>
    public CheckpointWriter(
        ICheckpointStore store,
        CheckpointUpload upload,
        ICheckpointPartSource parts,
        CheckpointSavePolicy policy,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _store = store;
        _upload = upload;
        _parts = parts;
        _policy = policy;
        _timeProvider = timeProvider;
        _logger = logger;
        _savedCount = parts.CompletedCount;
        _lastSaveTimestamp = timeProvider.GetTimestamp();
    }

    public CheckpointKey Key => _upload.Key;

    /// <summary>Gets how many times the checkpoint was written.</summary>
    public int SaveCount => Volatile.Read(ref _saveCount);

    /// <summary>Gets the total characters of checkpoint JSON written.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Called after a part completes; saves when the policy says so and no other save is running.</summary>
    public ValueTask OnPartCompletedAsync(CancellationToken cancellationToken)
    {
        TimeSpan since = _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastSaveTimestamp));
        if (!_policy.ShouldSave(Volatile.Read(ref _savedCount), _parts.CompletedCount, since) || !_gate.Wait(0, CancellationToken.None))
        {
            return default;
        }

        return SaveHeldInBackgroundAsync(cancellationToken);
    }

    /// <summary>Saves now, after any save in progress.</summary>
    /// <returns>False when the store failed (the failure is logged).</returns>
    public async ValueTask<bool> SaveAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await SaveHeldAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the checkpoint; failures are logged.</summary>
    public async ValueTask DeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.DeleteAsync(_upload.Key, cancellationToken).ConfigureAwait(false);
            Log.CheckpointDeleted(_logger, _upload.UploadId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointDeleteFailed(_logger, _upload.UploadId, ex);
        }
    }

    private async ValueTask SaveHeldInBackgroundAsync(CancellationToken cancellationToken)
        => await SaveHeldAsync(cancellationToken).ConfigureAwait(false);

    private async ValueTask<bool> SaveHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            List<CheckpointPart> parts = _parts.SnapshotForCheckpoint();
            string json = CheckpointSerializer.Serialize(_upload.ToDocument(parts));
            await _store.SaveAsync(_upload.Key, json, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _savedCount, parts.Count);
            Interlocked.Exchange(ref _lastSaveTimestamp, _timeProvider.GetTimestamp());
            Interlocked.Increment(ref _saveCount);
            Interlocked.Add(ref _bytesWritten, json.Length);
            Log.CheckpointSaved(_logger, _upload.UploadId, parts.Count, _upload.PartCount, json.Length);
            UploadTelemetry.CheckpointSaved();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CheckpointSaveFailed(_logger, _upload.UploadId, ex);
            UploadTelemetry.CheckpointSaveFailed(ex);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }
}
