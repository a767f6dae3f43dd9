using Oss.ResumableUpload.Presigning;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload;

/// <content>Presigned URLs: GetObject, PutObject and UploadPart without credentials on the caller's side.</content>
public partial class OssClient
{
    /// <summary>
    /// Signs a URL for one GetObject, PutObject or UploadPart request that anyone holding it can send, without
    /// credentials, until it expires. No request is sent.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The URL is signed with the client's <see cref="OssClientOptions.SignatureVersion"/>. V4 (the default) puts
    /// <c>x-oss-signature-version</c>, <c>x-oss-credential</c>, <c>x-oss-date</c>, <c>x-oss-expires</c> and
    /// <c>x-oss-signature</c> in the query, with an unsigned payload; V1 puts <c>OSSAccessKeyId</c>, <c>Expires</c>
    /// (unix seconds) and <c>Signature</c>. With an STS token, the token is in the query as well
    /// (<c>x-oss-security-token</c> for V4, <c>security-token</c> for V1, as OSS defines them). The URL therefore is a
    /// bearer credential: hand it only to whoever should send that request, and keep it out of logs. The library logs
    /// neither the URL nor its signature.
    /// </para>
    /// <para>
    /// The signing time is the client's <see cref="OssClientOptions.TimeProvider"/> plus any clock correction the
    /// client learned from a <c>RequestTimeTooSkewed</c> reply. A URL signed with STS credentials stops working when the
    /// token expires, whatever <see cref="GeneratePresignedUriRequest.Expires"/> says.
    /// </para>
    /// <para>
    /// This method is synchronous while <see cref="IOssCredentialsProvider"/> is asynchronous. It signs with the
    /// credentials the client has cached when they are current (any earlier request or presign cached them). Otherwise
    /// it calls the provider and blocks the calling thread until the provider answers: no wait at all for
    /// <see cref="StaticCredentialsProvider"/> or the environment provider, one network round trip for a provider that
    /// fetches credentials (an ECS RAM role, OIDC). To keep that off a latency-sensitive thread, warm the cache with an
    /// async call first, or presign from a thread that may block. Provider failures throw
    /// <see cref="OssClientException"/> with <see cref="OssClientErrorCode.CredentialsUnavailable"/>.
    /// </para>
    /// <para>
    /// When <see cref="GeneratePresignedUriRequest.ContentType"/> is set it is signed, and the request sent with the URL
    /// must carry exactly that Content-Type (beware of HTTP stacks that append <c>; charset=utf-8</c>).
    /// </para>
    /// </remarks>
    /// <param name="request">The bucket, key, method, lifetime and, for UploadPart, the upload id and part number.</param>
    /// <returns>The absolute presigned URL.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or one of its required values is null.</exception>
    /// <exception cref="ArgumentException">The bucket or key is invalid, the method is not GET or PUT, or only one of UploadId and PartNumber is set, or they are set with GET.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Expires is under one second or, with V4, over 7 days; or PartNumber is not 1 to 10000.</exception>
    /// <exception cref="OssClientException">The credentials provider failed (<see cref="OssClientErrorCode.CredentialsUnavailable"/>).</exception>
    public virtual Uri GeneratePresignedUri(GeneratePresignedUriRequest request)
    {
        OssHttpPipeline pipeline = Pipeline;
        PresignedUriBuilder.Validate(request, pipeline.Settings.Options.SignatureVersion, nameof(request));
        OssCredentials credentials = pipeline.Credentials.GetBlocking();
        return PresignedUriBuilder.Build(pipeline.Settings, request, credentials, pipeline.SigningTime, nameof(request));
    }
}
