using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Resumable;

/// <summary>The resumable upload state machine. Placeholder until the engine lands.</summary>
internal sealed class ResumableUploader(IMultipartOperations operations, ILogger logger, TimeProvider timeProvider)
{
    public Task<ResumableUploadResult> UploadAsync(ResumableUploadRequest request, CancellationToken cancellationToken)
    {
        _ = operations;
        _ = logger;
        _ = timeProvider;
        _ = request;
        _ = cancellationToken;
        throw new NotSupportedException("The resumable engine is being built.");
    }
}
