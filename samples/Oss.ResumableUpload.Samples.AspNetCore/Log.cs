namespace Oss.ResumableUpload.Samples.AspNetCore;

/// <summary>The sample's log messages (source-generated). Keys and sizes only: no headers, no credentials.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Uploaded oss://{Bucket}/{Key}: {Bytes} bytes, multipart {Multipart}.")]
    public static partial void Uploaded(ILogger logger, string bucket, string key, long bytes, bool multipart);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The caller aborted the upload of {Key}; the multipart upload was aborted.")]
    public static partial void Aborted(ILogger logger, string key);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The upload of {Key} failed.")]
    public static partial void Failed(ILogger logger, string key, Exception exception);
}
