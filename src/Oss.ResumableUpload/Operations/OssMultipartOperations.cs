using System.Globalization;
using Oss.ResumableUpload.Callback;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Operations;

/// <summary>
/// The adapter between the resumable engine and the HTTP pipeline: for each operation it builds the request
/// (<see cref="MultipartRequests"/>, <see cref="ObjectRequests"/>), sends it and parses the reply. It implements the
/// engine's port, <see cref="IMultipartOperations"/>, and the public <see cref="OssClient"/> methods are thin wrappers
/// over it. It never calls back into <see cref="OssClient"/>, so overriding a public method changes what that method
/// does for its callers, never what <see cref="OssClient.ResumableUploadAsync"/> does.
/// </summary>
/// <param name="pipeline">Returns the client's pipeline at each send; it throws once the client is disposed, or for a client made for mocking.</param>
internal sealed class OssMultipartOperations(Func<OssHttpPipeline> pipeline) : IMultipartOperations
{
    public Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken)
        => SendInitiateAsync(MultipartRequests.Initiate(request), request.BucketName, request.ObjectKey, cancellationToken);

    public Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(string bucketName, string objectKey, ObjectSettings settings, CancellationToken cancellationToken)
        => SendInitiateAsync(MultipartRequests.Initiate(bucketName, objectKey, settings), bucketName, objectKey, cancellationToken);

    public Task<UploadPartResult> UploadPartAsync(PartUpload part, CancellationToken cancellationToken)
        => UploadPartAsync(part.BucketName, part.ObjectKey, part.UploadId, part.PartNumber, OssRequestBody.From(part.Content), part.ContentMd5, part.TrafficLimit, part.BytesSentInAttempt, cancellationToken);

    /// <summary>Sends one part and checks that the reply's ETag is <paramref name="contentMd5"/>: the one place a part's ETag is checked.</summary>
    public Task<UploadPartResult> UploadPartAsync(string bucketName, string objectKey, string uploadId, int partNumber, OssRequestBody body, Md5Digest contentMd5, long? trafficLimit, Action<long>? bytesSentInAttempt, CancellationToken cancellationToken)
    {
        OssOperation operation;
        try
        {
            operation = MultipartRequests.UploadPart(bucketName, objectKey, uploadId, partNumber, contentMd5, trafficLimit);
        }
        catch (ArgumentException ex)
        {
            // As from the async method this was: a refused argument fails the task, it does not throw.
            return Task.FromException<UploadPartResult>(ex);
        }

        operation.Body = body;
        operation.BytesSentInAttempt = bytesSentInAttempt;
        return SendAsync(operation, new PartCheck(partNumber, contentMd5), s_readPart, cancellationToken);
    }

    public async Task<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken)
    {
        OssOperation operation = MultipartRequests.ListParts(request);
        OssResponse response = await pipeline().SendAsync(operation, cancellationToken).ConfigureAwait(false);
        ListPartsResult page = OssXml.ParseListParts(response.Body, request.BucketName, request.ObjectKey, request.UploadId, response.RequestId);
        ListingRules.CheckPartsPage(page, request.PartNumberMarker ?? 0, operation.DescribeResource());
        return page;
    }

    public IAsyncEnumerable<OssPartInfo> ListAllPartsAsync(string bucketName, string objectKey, string uploadId, CancellationToken cancellationToken)
        => PartListing.ReadAllAsync(ListPartsAsync, bucketName, objectKey, uploadId, cancellationToken);

    public Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken)
    {
        OssOperation operation;
        try
        {
            operation = MultipartRequests.Complete(request);
        }
        catch (ArgumentException ex)
        {
            // As from the async method this was: a refused request fails the task, it does not throw.
            return Task.FromException<CompleteMultipartUploadResult>(ex);
        }

        return SendAsync(operation, request, s_readComplete, cancellationToken);
    }

    public async Task AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken)
    {
        OssOperation operation = MultipartRequests.Abort(request);
        await pipeline().SendAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ListMultipartUploadsResult> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken)
    {
        OssOperation operation = MultipartRequests.ListMultipartUploads(request);
        OssResponse response = await pipeline().SendAsync(operation, cancellationToken).ConfigureAwait(false);
        ListMultipartUploadsResult page = OssXml.ParseListMultipartUploads(response.Body, response.RequestId);
        ListingRules.CheckUploadsPage(page, request, operation.DescribeResource(), response.RequestId);
        return page;
    }

    public Task<PutObjectResult> PutObjectAsync(ObjectUpload upload, CancellationToken cancellationToken)
        => PutObjectAsync(
            upload.BucketName, upload.ObjectKey, OssRequestBody.From(upload.Content), upload.ContentMd5, upload.Settings, upload.Callback, upload.TrafficLimit, upload.BytesSentInAttempt, cancellationToken);

    /// <summary>Sends a whole object and checks that a plain (single-request) ETag is <paramref name="contentMd5"/>.</summary>
    public async Task<PutObjectResult> PutObjectAsync(
        string bucketName,
        string objectKey,
        OssRequestBody body,
        Md5Digest contentMd5,
        ObjectSettings settings,
        OssUploadCallback? callback,
        long? trafficLimit,
        Action<long>? bytesSentInAttempt,
        CancellationToken cancellationToken)
    {
        OssOperation operation = ObjectRequests.PutObject(bucketName, objectKey, contentMd5, settings, callback, trafficLimit);
        operation.Body = body;
        operation.BytesSentInAttempt = bytesSentInAttempt;
        OssResponse response = await pipeline().SendAsync(operation, cancellationToken).ConfigureAwait(false);
        string etag = response.GetETag("the PutObject reply") ?? string.Empty;
        if (!contentMd5.MatchesETag(etag) && etag.Length > 0 && !etag.Contains('-', StringComparison.Ordinal))
        {
            throw new OssClientException(
                OssClientErrorCode.ChecksumMismatch,
                $"The server stored the object with ETag {etag}, but its MD5 is {contentMd5.ToETag()} (RequestId {response.RequestId}).");
        }

        return new PutObjectResult
        {
            ETag = etag,
            HashCrc64Ecma = response.GetCrc64(),
            CallbackResponseBody = callback is null ? null : CallbackHeaders.DecodeBody(response.Body),
            RequestId = response.RequestId,
        };
    }

    public async Task<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken)
    {
        OssOperation operation = ObjectRequests.HeadObject(request);
        OssResponse response = await pipeline().SendAsync(operation, cancellationToken).ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.AllHeaders)
        {
            if (header.Key.StartsWith("x-oss-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Key["x-oss-meta-".Length..]] = string.Join(",", header.Value);
            }
        }

        return new HeadObjectResult
        {
            ContentLength = ReplyValues.ParseObjectLength(response.GetHeader("Content-Length"), response.RequestId),
            ETag = response.GetETag("the HeadObject reply") ?? string.Empty,
            ContentType = response.GetHeader("Content-Type"),
            StorageClass = response.GetHeader("x-oss-storage-class"),
            ServerSideEncryption = response.GetHeader("x-oss-server-side-encryption"),
            ServerSideEncryptionKeyId = response.GetHeader("x-oss-server-side-encryption-key-id"),
            TaggingCount = int.TryParse(response.GetHeader("x-oss-tagging-count"), NumberStyles.None, CultureInfo.InvariantCulture, out int tagCount) ? tagCount : null,
            CacheControl = response.GetHeader("Cache-Control"),
            ContentDisposition = response.GetHeader("Content-Disposition"),
            ContentEncoding = response.GetHeader("Content-Encoding"),
            Expires = DateTimeOffset.TryParseExact(response.GetHeader("Expires"), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expires) ? expires : null,
            HashCrc64Ecma = response.GetCrc64(),
            LastModified = DateTimeOffset.TryParse(response.GetHeader("Last-Modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset modified) ? modified : null,
            Metadata = metadata,
            RequestId = response.RequestId,
        };
    }

    async Task<HeadObjectResult?> IMultipartOperations.HeadObjectAsync(string bucketName, string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            return await HeadObjectAsync(new HeadObjectRequest { BucketName = bucketName, ObjectKey = objectKey }, cancellationToken).ConfigureAwait(false);
        }
        catch (OssServiceException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    private Task<InitiateMultipartUploadResult> SendInitiateAsync(OssOperation operation, string bucketName, string objectKey, CancellationToken cancellationToken)
        => SendAsync(operation, new ObjectName(bucketName, objectKey), s_readInitiate, cancellationToken);

    /// <summary>
    /// Sends an operation and reads its reply with a static function of the reply and one object. The operations of an
    /// upload (Initiate, every part, Complete) go through this one generic method over reference types, whose async
    /// machinery the runtime compiles once and shares, instead of once per operation.
    /// </summary>
    private async Task<TResult> SendAsync<TState, TResult>(OssOperation operation, TState state, Func<OssResponse, TState, TResult> read, CancellationToken cancellationToken)
        where TState : class
        where TResult : class
    {
        OssResponse response = await pipeline().SendAsync(operation, cancellationToken).ConfigureAwait(false);
        return read(response, state);
    }

    private static readonly Func<OssResponse, ObjectName, InitiateMultipartUploadResult> s_readInitiate =
        static (response, name) => OssXml.ParseInitiateMultipartUpload(response.Body, name.BucketName, name.ObjectKey, response.RequestId);

    private static readonly Func<OssResponse, PartCheck, UploadPartResult> s_readPart = static (response, part) =>
    {
        string etag = response.GetETag("the UploadPart reply") ?? throw ProtocolViolation.Create($"the UploadPart reply for part {part.PartNumber} has no ETag", response.RequestId);
        if (!part.ContentMd5.MatchesETag(etag))
        {
            throw new OssClientException(
                OssClientErrorCode.ChecksumMismatch,
                $"The server stored part {part.PartNumber} with ETag {etag}, but the part's MD5 is {part.ContentMd5.ToETag()} (RequestId {response.RequestId}).");
        }

        return new UploadPartResult { PartNumber = part.PartNumber, ETag = etag, HashCrc64Ecma = response.GetCrc64(), RequestId = response.RequestId };
    };

    private static readonly Func<OssResponse, CompleteMultipartUploadRequest, CompleteMultipartUploadResult> s_readComplete = static (response, request) =>
    {
        if (request.Callback is not null)
        {
            return new CompleteMultipartUploadResult
            {
                BucketName = request.BucketName,
                ObjectKey = request.ObjectKey,
                ETag = response.GetETag("the CompleteMultipartUpload reply") ?? string.Empty,
                HashCrc64Ecma = response.GetCrc64(),
                CallbackResponseBody = CallbackHeaders.DecodeBody(response.Body),
                RequestId = response.RequestId,
            };
        }

        return OssXml.ParseCompleteMultipartUpload(response.Body, request.BucketName, request.ObjectKey, response.GetCrc64(), response.RequestId);
    };

    /// <summary>What an UploadPart reply is checked against.</summary>
    private sealed record PartCheck(int PartNumber, Md5Digest ContentMd5);

    /// <summary>The object an Initiate reply names.</summary>
    private sealed record ObjectName(string BucketName, string ObjectKey);
}
