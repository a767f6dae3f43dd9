namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Everything one upload call does with its checkpoint, so that the engine never asks whether there is a store:
/// <see cref="CheckpointSession"/> works through one, <see cref="NoCheckpointSession"/> is the null object when the
/// request names none. <see cref="CheckpointSessionFactory"/> chooses between them. Disposing releases the object lock.
/// </summary>
internal interface ICheckpointSession : IDisposable
{
    /// <summary>
    /// Gets whether the current upload can be kept for a resume on a cancel or a failure: a store is set and either the
    /// upload's checkpoint writer is started (<see cref="Start"/>) or a checkpoint was loaded for a resume that has not
    /// started it yet (that document still describes the upload). False otherwise, and after <see cref="ForgetAsync"/>.
    /// </summary>
    bool CanKeepForResume { get; }

    /// <summary>
    /// Loads the checkpoint of this file version and validates it. An ignored one (unreadable, malformed, another
    /// layout) is removed; an initiate intent has its leftover uploads aborted and is removed.
    /// </summary>
    /// <returns>The checkpoint to resume, or null to start afresh.</returns>
    Task<LoadedCheckpoint?> LoadAsync(long fileLength, CancellationToken cancellationToken);

    /// <summary>Saves the initiate intent just before InitiateMultipartUpload is sent (see <see cref="InitiateIntent"/>).</summary>
    /// <returns>True when an intent was saved; then a failed Initiate must be followed by <see cref="CleanInterruptedInitiateAsync"/>.</returns>
    Task<bool> SaveIntentAsync(string filePath, PartLayout layout, CancellationToken cancellationToken);

    /// <summary>Aborts what a failed Initiate may have created and deletes the intent; keeps the intent if that fails. Never throws.</summary>
    Task CleanInterruptedInitiateAsync();

    /// <summary>Starts the checkpoint writer of an upload that has an id; nothing is saved until asked.</summary>
    void Start(string uploadId, string filePath, PartLedger ledger);

    /// <summary>Called after each part completes: a batched save, when the save policy says so.</summary>
    ValueTask OnPartCompletedAsync(CancellationToken cancellationToken);

    /// <summary>Saves every completed part now (after Initiate, after adoption, before Complete, on a kept cancel or failure).</summary>
    /// <returns>True when the checkpoint was saved, or a loaded one stands unchanged; false when the store failed or there is nothing to keep.</returns>
    ValueTask<bool> SaveAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the started upload's checkpoint; failures are logged. Cleanup: never cancelled.</summary>
    ValueTask DeleteAsync();

    /// <summary>
    /// The upload id no longer exists: deletes its checkpoint, even one loaded but not yet started, and stops writing,
    /// so that a restart begins afresh. Never cancelled.
    /// </summary>
    ValueTask ForgetAsync();
}
