namespace Oss.ResumableUpload.Testing;

/// <summary>The OSS operations the test server recognizes, used by fault injection and the request log.</summary>
public enum OssOperationKind
{
    /// <summary>A request the server does not implement (it answers <c>501 NotImplemented</c>).</summary>
    Unknown = 0,

    /// <summary><c>PUT /bucket</c>: creates a bucket.</summary>
    PutBucket,

    /// <summary><c>PUT /bucket/key</c>: stores an object in one request.</summary>
    PutObject,

    /// <summary><c>GET /bucket/key</c>: reads an object, optionally a byte range.</summary>
    GetObject,

    /// <summary><c>HEAD /bucket/key</c>: reads an object's metadata.</summary>
    HeadObject,

    /// <summary><c>DELETE /bucket/key</c>: deletes an object.</summary>
    DeleteObject,

    /// <summary><c>POST /bucket/key?uploads</c>: starts a multipart upload.</summary>
    InitiateMultipartUpload,

    /// <summary><c>PUT /bucket/key?partNumber=N&amp;uploadId=ID</c>: uploads one part.</summary>
    UploadPart,

    /// <summary><c>GET /bucket/key?uploadId=ID</c>: lists the parts of an upload.</summary>
    ListParts,

    /// <summary><c>POST /bucket/key?uploadId=ID</c>: assembles the parts into the object.</summary>
    CompleteMultipartUpload,

    /// <summary><c>DELETE /bucket/key?uploadId=ID</c>: aborts an upload.</summary>
    AbortMultipartUpload,

    /// <summary><c>GET /bucket?uploads</c>: lists the unfinished uploads of a bucket.</summary>
    ListMultipartUploads,
}
