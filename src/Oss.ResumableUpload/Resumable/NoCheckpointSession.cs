namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The checkpoint session of a request without a store: nothing is loaded, saved or deleted, and no upload can be
/// kept for a resume (a cancel or a failure aborts it). There is no object lock to release.
/// </summary>
internal sealed class NoCheckpointSession : ICheckpointSession
{
    public static readonly NoCheckpointSession Instance = new();

    private NoCheckpointSession()
    {
    }

    public bool CanKeepForResume => false;

    public Task<LoadedCheckpoint?> LoadAsync(long fileLength, CancellationToken cancellationToken) => Task.FromResult<LoadedCheckpoint?>(null);

    public Task<bool> SaveIntentAsync(string filePath, PartLayout layout, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task CleanInterruptedInitiateAsync() => Task.CompletedTask;

    public void Start(string uploadId, string filePath, PartLedger ledger)
    {
    }

    public ValueTask OnPartCompletedAsync(CancellationToken cancellationToken) => default;

    public ValueTask<bool> SaveAsync(CancellationToken cancellationToken) => new(false);

    public ValueTask DeleteAsync() => default;

    public ValueTask ForgetAsync() => default;

    public void Dispose()
    {
    }
}
