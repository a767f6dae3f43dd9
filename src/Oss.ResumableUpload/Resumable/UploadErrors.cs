namespace Oss.ResumableUpload.Resumable;

/// <summary>Classifies the service errors the engine treats specially.</summary>
internal static class UploadErrors
{
    /// <summary>The upload id no longer exists: aborted, completed, or removed by a lifecycle rule.</summary>
    public static bool IsNoSuchUpload(Exception exception)
        => exception is OssServiceException { ErrorCode: "NoSuchUpload" };

    /// <summary>OSS refused to replace an existing object because the upload set <c>x-oss-forbid-overwrite</c>.</summary>
    public static bool IsFileAlreadyExists(Exception exception)
        => exception is OssServiceException service && service.StatusCode == 409 && service.ErrorCode == "FileAlreadyExists";

    /// <summary>The object was stored, but the callback server failed (HTTP 203).</summary>
    public static bool IsCallbackFailed(Exception exception)
        => exception is OssServiceException service && (service.StatusCode == 203 || service.ErrorCode == "CallbackFailed");

    public static bool IsFileChanged(Exception exception)
        => exception is OssClientException { ErrorCode: OssClientErrorCode.FileChanged };
}
