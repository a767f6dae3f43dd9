namespace Oss.ResumableUpload;

/// <summary>Identifies why the library, rather than the server, failed an operation.</summary>
public enum OssClientErrorCode
{
    /// <summary>
    /// The upload recorded in the checkpoint no longer exists on the server (it was aborted, completed elsewhere,
    /// or removed by a lifecycle rule). The stale checkpoint has been deleted; the next call starts afresh.
    /// </summary>
    CannotResumeUpload,

    /// <summary>The local file changed while it was being uploaded. No object was completed from mixed content.</summary>
    FileChanged,

    /// <summary>A part's or the whole object's MD5 or CRC-64 differs from what the server stored.</summary>
    ChecksumMismatch,

    /// <summary>Another process or upload holds the checkpoint lock for the same bucket, key and file.</summary>
    CheckpointLocked,

    /// <summary>
    /// The server's reply broke the protocol: it was oversized, malformed, redirected, missing a required element,
    /// or carried a value out of range (a part number, a marker, a CRC-64, an ETag, an upload id). It is not retried,
    /// and nothing from the reply was kept (no part counted as uploaded, no object reported as stored).
    /// </summary>
    InvalidResponse,

    /// <summary>The connection failed (refused, reset, an I/O error) after all retries.</summary>
    NetworkFailure,

    /// <summary>The credentials provider failed or returned unusable credentials.</summary>
    CredentialsUnavailable,

    /// <summary>
    /// No complete reply arrived in time, after all retries. Every timeout that is not the caller's cancellation token
    /// ends here: <see cref="OssClientOptions.RequestTimeout"/>, the <see cref="HttpClient.Timeout"/> of a caller's
    /// client, a timeout handler in its pipeline (Polly's <c>TimeoutRejectedException</c>, as the standard resilience
    /// handler throws), or a handler that cancelled the request with a token of its own. It is transient.
    /// </summary>
    RequestTimeout,
}
