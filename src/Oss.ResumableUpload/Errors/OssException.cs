namespace Oss.ResumableUpload;

/// <summary>
/// The base type of every error that <see cref="OssClient"/> raises for a failed operation.
/// Catch <see cref="OssServiceException"/> for replies the server refused and <see cref="OssClientException"/>
/// for failures detected by the library itself.
/// </summary>
public abstract class OssException : Exception
{
    /// <summary>Initializes a new instance with a message and an optional inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    protected OssException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets a value indicating whether the same request could succeed if sent again later
    /// (a 5xx reply, throttling, a timeout or a dropped connection).
    /// </summary>
    public virtual bool IsTransient => false;
}
