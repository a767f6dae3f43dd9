namespace Oss.ResumableUpload;

/// <summary>What a cancelled <see cref="OssClient.ResumableUploadAsync"/> does with the server-side upload and the checkpoint.</summary>
public enum UploadCancelBehavior
{
    /// <summary>Abort the multipart upload on the server (deleting its parts) and delete the checkpoint. The default.</summary>
    Abort,

    /// <summary>Keep the uploaded parts and the checkpoint, so that the same request resumes later.</summary>
    KeepForResume,
}
