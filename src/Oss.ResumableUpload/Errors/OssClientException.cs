namespace Oss.ResumableUpload;

/// <summary>The library could not complete an operation for a reason it detected itself.</summary>
/// <remarks>Inspect <see cref="ErrorCode"/> to decide what to do; the message explains the specific case.</remarks>
public sealed class OssClientException : OssException
{
    /// <summary>Initializes a new instance of the <see cref="OssClientException"/> class.</summary>
    /// <param name="errorCode">Why the operation failed.</param>
    /// <param name="message">A message that describes the failure.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public OssClientException(OssClientErrorCode errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Gets the reason for the failure.</summary>
    public OssClientErrorCode ErrorCode { get; }

    /// <inheritdoc />
    public override bool IsTransient => ErrorCode is OssClientErrorCode.NetworkFailure or OssClientErrorCode.RequestTimeout;
}
