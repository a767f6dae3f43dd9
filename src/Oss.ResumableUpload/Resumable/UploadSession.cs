namespace Oss.ResumableUpload.Resumable;

/// <summary>The state of one multipart attempt: the layout, the completed parts, the progress and the checkpoint session.</summary>
internal sealed class UploadSession(ResumableUploadRequest request, UploadSource source, ICheckpointSession checkpoints, PartLayout layout, ProgressAggregator progress, PartTransfer transfer)
{
    public ResumableUploadRequest Request { get; } = request;

    public UploadSource Source { get; } = source;

    /// <summary>Gets the call's checkpoint session; a null object without a store.</summary>
    public ICheckpointSession Checkpoints { get; } = checkpoints;

    public PartLayout Layout { get; } = layout;

    public PartLedger Ledger { get; } = new(layout);

    public ProgressAggregator Progress { get; } = progress;

    public PartTransfer Transfer { get; } = transfer;

    /// <summary>Gets or sets the upload id, once initiated or loaded.</summary>
    public string? UploadId { get; set; }

    /// <summary>Gets or sets the bytes that were on the server before this call sent anything.</summary>
    public long ResumedBytes { get; set; }

    /// <summary>Gets or sets the most parts that were in flight at once.</summary>
    public int PeakConcurrency { get; set; }

    public string BucketName => Request.BucketName;

    public string ObjectKey => Request.ObjectKey;

    /// <summary>The options of every parallel loop over this upload's parts: the request's concurrency, on the thread pool.</summary>
    public ParallelOptions CreateParallelOptions(CancellationToken cancellationToken)
        => new() { MaxDegreeOfParallelism = Request.MaxConcurrency, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Default };
}
