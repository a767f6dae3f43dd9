namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Internal signal: the upload being driven no longer exists on the server and its checkpoint has been deleted.
/// The uploader turns it into a fresh start (RestartWhenCannotResume) or into CannotResumeUpload.
/// </summary>
internal sealed class UploadVanishedException(string uploadId, Exception innerException)
    : Exception($"Upload {uploadId} no longer exists on the server.", innerException)
{
    public string UploadId { get; } = uploadId;
}
