using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Oss.ResumableUpload.Callback;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload;

/// <content>The multipart primitives (the single-request object operations are in OssClient.Objects.cs).</content>
public partial class OssClient : IMultipartOperations
{
    /// <summary>Starts a multipart upload (<c>POST /key?uploads</c>).</summary>
    /// <param name="request">The bucket, key and object settings.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new upload id.</returns>
    /// <exception cref="ArgumentException">The bucket name, key or metadata is invalid.</exception>
    /// <exception cref="OssServiceException">The server refused the request.</exception>
    /// <exception cref="OssClientException">The request failed on the network after all retries.</exception>
    public virtual async Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, nameof(request));
        OssRequestValidation.ValidateMetadata(request.Metadata, nameof(request));
        OssRequestValidation.ValidateInitiateHeaders(request, nameof(request));

        var operation = new OssOperation("InitiateMultipartUpload", HttpMethod.Post, request.BucketName, request.ObjectKey)
            .AddQuery("uploads")
            .AddQuery("encoding-type", "url");
        if (request.ContentType is { Length: > 0 } contentType)
        {
            operation.Headers["Content-Type"] = contentType;
        }

        operation.AddMetadata(request.Metadata);
        operation.AddHeaderIfSet("x-oss-storage-class", request.StorageClass);
        operation.AddHeaderIfSet("x-oss-server-side-encryption", request.ServerSideEncryption);
        operation.AddHeaderIfSet("x-oss-server-side-encryption-key-id", request.ServerSideEncryptionKeyId);
        operation.AddWriteConditions(request.ForbidOverwrite, callback: null);
        if (request.Tags is { Count: > 0 } tags)
        {
            operation.Headers["x-oss-tagging"] = string.Join('&', tags.Select(t => Signing.OssUriEncoder.EscapeQuery(t.Key) + "=" + Signing.OssUriEncoder.EscapeQuery(t.Value)));
        }

        OssResponse response = await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
        return OssXml.ParseInitiateMultipartUpload(response.Body, request.BucketName, request.ObjectKey, response.RequestId);
    }

    /// <summary>Uploads one part (<c>PUT /key?partNumber=N&amp;uploadId=ID</c>) with a Content-MD5 the library computes.</summary>
    /// <param name="request">The upload, the part number and the part's content.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The part's ETag and CRC-64.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The part number is not 1..10000.</exception>
    /// <exception cref="OssServiceException">The server refused the part, for example <c>NoSuchUpload</c> or <c>InvalidDigest</c>.</exception>
    /// <exception cref="OssClientException">The ETag the server returned is not the part's MD5 (<see cref="OssClientErrorCode.ChecksumMismatch"/>), or the network failed.</exception>
    public virtual async Task<UploadPartResult> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        OssRequestValidation.ValidatePartNumber(request.PartNumber, nameof(request));
        (OssRequestBody body, Md5Digest md5) = await StreamRequestBody.CreateAsync(request.Content, request.ContentLength, nameof(request), cancellationToken).ConfigureAwait(false);
        return await UploadPartCoreAsync(request.BucketName, request.ObjectKey, request.UploadId, request.PartNumber, body, md5, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists one page of the parts of an upload (<c>GET /key?uploadId=ID</c>).</summary>
    /// <param name="request">The upload and the page to read.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="OssServiceException">The server refused the request, for example <c>NoSuchUpload</c>.</exception>
    public virtual async Task<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        if (request.MaxParts is < 1 or > OssLimits.MaxListPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxParts, $"ListPartsRequest.MaxParts must be between 1 and {OssLimits.MaxListPageSize}.");
        }

        if (request.PartNumberMarker is < 0 or > OssLimits.MaxPartNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PartNumberMarker, $"ListPartsRequest.PartNumberMarker must be between 0 and {OssLimits.MaxPartNumber}.");
        }

        var operation = new OssOperation("ListParts", HttpMethod.Get, request.BucketName, request.ObjectKey)
            .AddQuery("uploadId", request.UploadId)
            .AddQuery("encoding-type", "url");
        if (request.MaxParts is int maxParts)
        {
            operation.AddQuery("max-parts", maxParts.ToString(CultureInfo.InvariantCulture));
        }

        if (request.PartNumberMarker is int marker)
        {
            operation.AddQuery("part-number-marker", marker.ToString(CultureInfo.InvariantCulture));
        }

        OssResponse response = await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
        ListPartsResult page = OssXml.ParseListParts(response.Body, request.BucketName, request.ObjectKey, request.UploadId, response.RequestId);
        ListingRules.CheckPartsPage(page, request.PartNumberMarker ?? 0, operation.DescribeResource());
        return page;
    }

    /// <summary>Lists every part of an upload, following all pages of ListParts.</summary>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="objectKey">The object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The parts, ascending by part number.</returns>
    /// <exception cref="OssClientException">A page broke the paging rules (<see cref="OssClientErrorCode.InvalidResponse"/>): part numbers that do not strictly increase, a marker that does not advance, a truncated page without parts, more than 10,000 parts.</exception>
    public virtual async IAsyncEnumerable<OssPartInfo> ListAllPartsAsync(string bucketName, string objectKey, string uploadId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ValidateUploadTarget(bucketName, objectKey, uploadId);
        int? marker = null;
        int last = 0;
        while (true)
        {
            ListPartsResult page = await ListPartsAsync(
                new ListPartsRequest { BucketName = bucketName, ObjectKey = objectKey, UploadId = uploadId, PartNumberMarker = marker },
                cancellationToken).ConfigureAwait(false);
            foreach (OssPartInfo part in page.Parts)
            {
                // ListPartsAsync checks each page; this holds across pages even when it is overridden.
                if (part.PartNumber <= last || part.PartNumber > OssLimits.MaxPartNumber)
                {
                    throw ProtocolViolation.Create($"ListParts of upload {uploadId} returned part {part.PartNumber} after part {last}; part numbers must strictly increase up to {OssLimits.MaxPartNumber}", page.RequestId);
                }

                last = part.PartNumber;
                yield return part;
            }

            if (!page.IsTruncated)
            {
                yield break;
            }

            int next = ListingRules.NextMarker(page);
            if (next <= (marker ?? 0))
            {
                throw ProtocolViolation.Create($"ListParts of upload {uploadId} did not advance past marker {marker ?? 0}", page.RequestId);
            }

            marker = next;
        }
    }

    /// <summary>Completes a multipart upload (<c>POST /key?uploadId=ID</c>), assembling the listed parts in ascending order.</summary>
    /// <param name="request">The upload, its parts and an optional callback.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The object's ETag, CRC-64 and the callback's reply.</returns>
    /// <exception cref="ArgumentException">The part list is empty (without CompleteAll), has duplicates, or is given with CompleteAll.</exception>
    /// <exception cref="OssServiceException">The server refused, for example <c>InvalidPart</c>, <c>EntityTooSmall</c>, <c>NoSuchUpload</c>, or <c>CallbackFailed</c> (status 203: the object was stored).</exception>
    public virtual async Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        ArgumentNullException.ThrowIfNull(request.Parts, nameof(request));
        OssRequestValidation.ValidateCallback(request.Callback, nameof(request));
        if (request.CompleteAll && request.Parts.Count > 0)
        {
            throw new ArgumentException("CompleteMultipartUploadRequest.Parts must be empty when CompleteAll is set.", nameof(request));
        }

        if (!request.CompleteAll && request.Parts.Count == 0)
        {
            throw new ArgumentException("CompleteMultipartUploadRequest.Parts must name at least one part.", nameof(request));
        }

        var sorted = new List<PartETag>(request.Parts);
        sorted.Sort(static (a, b) => a.PartNumber.CompareTo(b.PartNumber));
        for (int i = 0; i < sorted.Count; i++)
        {
            OssRequestValidation.ValidatePartNumber(sorted[i].PartNumber, nameof(request));
            ArgumentException.ThrowIfNullOrEmpty(sorted[i].ETag, nameof(request));
            if (i > 0 && sorted[i].PartNumber == sorted[i - 1].PartNumber)
            {
                throw new ArgumentException($"Part {sorted[i].PartNumber} is listed twice.", nameof(request));
            }
        }

        var operation = new OssOperation("CompleteMultipartUpload", HttpMethod.Post, request.BucketName, request.ObjectKey)
            .AddQuery("uploadId", request.UploadId)
            .AddQuery("encoding-type", "url");
        if (request.CompleteAll)
        {
            operation.Headers["x-oss-complete-all"] = "yes";
        }
        else
        {
            byte[] xml = OssXml.BuildCompleteMultipartUpload(sorted);
            operation.Body = new MemoryRequestBody(xml);
            operation.Headers["Content-Type"] = "application/xml";
            operation.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(xml));
        }

        operation.AddWriteConditions(request.ForbidOverwrite, request.Callback);
        OssResponse response = await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
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
    }

    /// <summary>Aborts a multipart upload (<c>DELETE /key?uploadId=ID</c>), deleting its parts.</summary>
    /// <param name="request">The upload to abort.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the upload is gone.</returns>
    /// <exception cref="OssServiceException">The server refused, for example <c>NoSuchUpload</c>.</exception>
    public virtual async Task AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        var operation = new OssOperation("AbortMultipartUpload", HttpMethod.Delete, request.BucketName, request.ObjectKey)
            .AddQuery("uploadId", request.UploadId);
        await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists one page of the unfinished multipart uploads in a bucket (<c>GET /?uploads</c>).</summary>
    /// <param name="request">The bucket, an optional prefix and the page to read.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The page.</returns>
    public virtual async Task<ListMultipartUploadsResult> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        if (request.MaxUploads is < 1 or > OssLimits.MaxListPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxUploads, $"ListMultipartUploadsRequest.MaxUploads must be between 1 and {OssLimits.MaxListPageSize}.");
        }

        var operation = new OssOperation("ListMultipartUploads", HttpMethod.Get, request.BucketName, null)
            .AddQuery("uploads")
            .AddQuery("encoding-type", "url");
        AddQueryIfSet(operation, "prefix", request.Prefix);
        AddQueryIfSet(operation, "key-marker", request.KeyMarker);
        AddQueryIfSet(operation, "upload-id-marker", request.UploadIdMarker);
        if (request.MaxUploads is int maxUploads)
        {
            operation.AddQuery("max-uploads", maxUploads.ToString(CultureInfo.InvariantCulture));
        }

        OssResponse response = await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
        ListMultipartUploadsResult page = OssXml.ParseListMultipartUploads(response.Body, response.RequestId);
        ListingRules.CheckUploadsPage(page, request, operation.DescribeResource(), response.RequestId);
        return page;
    }

    Task<UploadPartResult> IMultipartOperations.UploadPartAsync(PartUpload part, CancellationToken cancellationToken)
        => UploadPartCoreAsync(part.BucketName, part.ObjectKey, part.UploadId, part.PartNumber, OssRequestBody.From(part.Content), part.ContentMd5, part.BytesSentInAttempt, cancellationToken);

    IAsyncEnumerable<OssPartInfo> IMultipartOperations.ListAllPartsAsync(string bucketName, string objectKey, string uploadId, CancellationToken cancellationToken)
        => ListAllPartsAsync(bucketName, objectKey, uploadId, cancellationToken);

    private async Task<UploadPartResult> UploadPartCoreAsync(string bucket, string key, string uploadId, int partNumber, OssRequestBody body, Md5Digest md5, Action<long>? progress, CancellationToken cancellationToken)
    {
        var operation = new OssOperation("UploadPart", HttpMethod.Put, bucket, key)
            .AddQuery("partNumber", partNumber.ToString(CultureInfo.InvariantCulture))
            .AddQuery("uploadId", uploadId);
        operation.PartNumber = partNumber;
        operation.Body = body;
        operation.BytesSentInAttempt = progress;
        operation.Headers["Content-MD5"] = md5.ToBase64();

        OssResponse response = await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
        string etag = response.GetETag("the UploadPart reply") ?? throw ProtocolViolation.Create($"the UploadPart reply for part {partNumber} has no ETag", response.RequestId);
        if (!md5.MatchesETag(etag))
        {
            throw new OssClientException(
                OssClientErrorCode.ChecksumMismatch,
                $"The server stored part {partNumber} with ETag {etag}, but the part's MD5 is {md5.ToETag()} (RequestId {response.RequestId}).");
        }

        return new UploadPartResult { PartNumber = partNumber, ETag = etag, HashCrc64Ecma = response.GetCrc64(), RequestId = response.RequestId };
    }

    private static void ValidateUploadTarget(string bucketName, string objectKey, string uploadId)
    {
        OssRequestValidation.ValidateBucketName(bucketName, nameof(bucketName));
        OssRequestValidation.ValidateObjectKey(objectKey, nameof(objectKey));
        OssRequestValidation.ValidateUploadId(uploadId, nameof(uploadId));
    }

    private static void AddQueryIfSet(OssOperation operation, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            operation.AddQuery(name, value);
        }
    }
}
