using System.Globalization;
using Oss.ResumableUpload.Callback;
using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload;

/// <content>The single-request object operations: PutObject and HeadObject.</content>
public partial class OssClient
{
    /// <summary>Uploads a whole object in one request (<c>PUT /key</c>) with a Content-MD5 the library computes.</summary>
    /// <param name="request">The bucket, key and content.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The object's ETag and CRC-64.</returns>
    /// <exception cref="OssServiceException">The server refused, or <c>CallbackFailed</c> (status 203: the object was stored).</exception>
    public virtual async Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, nameof(request));
        OssRequestValidation.ValidateMetadata(request.Metadata, nameof(request));
        OssRequestValidation.ValidateCallback(request.Callback, nameof(request));
        OssRequestValidation.ValidateHeaderValue(request.ContentType, "PutObjectRequest.ContentType", nameof(request));
        (OssRequestBody body, Md5Digest md5) = await StreamRequestBody.CreateAsync(request.Content, request.ContentLength, nameof(request), cancellationToken).ConfigureAwait(false);
        return await PutObjectCoreAsync(
            request.BucketName, request.ObjectKey, body, md5, request.ContentType, request.Metadata, request.Callback, request.ForbidOverwrite, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an object's metadata (<c>HEAD /key</c>).</summary>
    /// <param name="request">The bucket and key.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The object's size, ETag, CRC-64 and metadata.</returns>
    /// <exception cref="OssServiceException">The object does not exist (<c>NoSuchKey</c>, 404) or the request was refused.</exception>
    public virtual async Task<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, nameof(request));
        var operation = new OssOperation("HeadObject", HttpMethod.Head, request.BucketName, request.ObjectKey);
        OssResponse response = await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
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
            HashCrc64Ecma = response.GetCrc64(),
            LastModified = DateTimeOffset.TryParse(response.GetHeader("Last-Modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset modified) ? modified : null,
            Metadata = metadata,
            RequestId = response.RequestId,
        };
    }

    Task<PutObjectResult> IMultipartOperations.PutObjectAsync(ObjectUpload upload, CancellationToken cancellationToken)
        => PutObjectCoreAsync(
            upload.BucketName, upload.ObjectKey, OssRequestBody.From(upload.Content), upload.ContentMd5, upload.ContentType, upload.Metadata, upload.Callback, forbidOverwrite: false, upload.BytesSentInAttempt, cancellationToken);

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

    private async Task<PutObjectResult> PutObjectCoreAsync(
        string bucketName,
        string objectKey,
        OssRequestBody body,
        Md5Digest contentMd5,
        string? contentType,
        IReadOnlyDictionary<string, string>? metadata,
        OssUploadCallback? callback,
        bool forbidOverwrite,
        Action<long>? bytesSentInAttempt,
        CancellationToken cancellationToken)
    {
        var operation = new OssOperation("PutObject", HttpMethod.Put, bucketName, objectKey)
        {
            Body = body,
            BytesSentInAttempt = bytesSentInAttempt,
        };
        operation.Headers["Content-MD5"] = contentMd5.ToBase64();
        operation.Headers["Content-Type"] = contentType is { Length: > 0 } type ? type : ContentTypes.Default;
        operation.AddMetadata(metadata);
        operation.AddWriteConditions(forbidOverwrite, callback);
        OssResponse response = await Pipeline.SendAsync(operation, cancellationToken).ConfigureAwait(false);
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
}
