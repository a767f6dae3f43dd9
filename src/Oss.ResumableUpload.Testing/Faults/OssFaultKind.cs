namespace Oss.ResumableUpload.Testing;

/// <summary>What an injected fault does to the requests it matches.</summary>
public enum OssFaultKind
{
    /// <summary>Answers with a chosen status and error code instead of performing the operation.</summary>
    Fail,

    /// <summary>Closes the connection without an answer, either after reading the whole body (the operation is not performed) or after a given number of body bytes.</summary>
    ResetConnection,

    /// <summary>Waits before handling the request.</summary>
    Delay,

    /// <summary>Holds the request, before its body is read, until the test calls <see cref="OssFault.Release"/>.</summary>
    Hold,

    /// <summary>Performs the operation, then closes the connection without an answer.</summary>
    DropResponse,

    /// <summary>Performs the operation and answers, but with a wrong CRC-64 (<c>x-oss-hash-crc64ecma</c>, and <c>HashCrc64ecma</c> in ListParts).</summary>
    CorruptCrc64,

    /// <summary>Performs the operation and answers, but with a wrong ETag.</summary>
    CorruptETag,

    /// <summary>Answers <c>403 RequestTimeTooSkewed</c> instead of performing the operation.</summary>
    RequestTimeTooSkewed,

    /// <summary>Answers <c>403 SecurityTokenExpired</c> instead of performing the operation.</summary>
    SecurityTokenExpired,

    /// <summary>Performs the operation, then holds its answer until the test calls <see cref="OssFault.Release"/> (or the client gives up).</summary>
    HoldResponse,
}
