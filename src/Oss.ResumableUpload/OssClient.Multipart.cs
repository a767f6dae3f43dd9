using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Operations;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload;

/// <content>The multipart primitives (the single-request object operations are in OssClient.Objects.cs).</content>
public partial class OssClient
{
    /// <summary>Starts a multipart upload (<c>POST /key?uploads</c>).</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The bucket, key and object settings.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new upload id.</returns>
    /// <exception cref="ArgumentException">The bucket name, key or metadata is invalid.</exception>
    /// <exception cref="OssServiceException">The server refused the request.</exception>
    /// <exception cref="OssClientException">The request failed on the network after all retries.</exception>
    public virtual async Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        return await Operations.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads one part (<c>PUT /key?partNumber=N&amp;uploadId=ID</c>) with a Content-MD5 the library computes.</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The upload, the part number and the part's content.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The part's ETag and CRC-64.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The part number is not 1..10000, or the traffic limit is not 819,200..838,860,800.</exception>
    /// <exception cref="OssServiceException">The server refused the part, for example <c>NoSuchUpload</c> or <c>InvalidDigest</c>.</exception>
    /// <exception cref="OssClientException">The ETag the server returned is not the part's MD5 (<see cref="OssClientErrorCode.ChecksumMismatch"/>), or the network failed.</exception>
    public virtual async Task<UploadPartResult> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        MultipartRequests.ValidateUploadTarget(request.BucketName, request.ObjectKey, request.UploadId);
        OssRequestValidation.ValidatePartNumber(request.PartNumber, nameof(request));
        ObjectSettings.ValidateTrafficLimit(request.TrafficLimit, nameof(UploadPartRequest), nameof(request));
        (OssRequestBody body, Md5Digest md5) = await StreamRequestBody.CreateAsync(request.Content, request.ContentLength, nameof(request), cancellationToken).ConfigureAwait(false);
        return await Operations.UploadPartAsync(request.BucketName, request.ObjectKey, request.UploadId, request.PartNumber, body, md5, request.TrafficLimit, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists one page of the parts of an upload (<c>GET /key?uploadId=ID</c>).</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The upload and the page to read.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="OssServiceException">The server refused the request, for example <c>NoSuchUpload</c>.</exception>
    public virtual async Task<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default)
    {
        return await Operations.ListPartsAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists every part of an upload, following all pages of <see cref="ListPartsAsync"/> (an override of it is used here).</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="objectKey">The object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The parts, ascending by part number.</returns>
    /// <exception cref="OssClientException">A page broke the paging rules (<see cref="OssClientErrorCode.InvalidResponse"/>): part numbers that do not strictly increase, a marker that does not advance, a truncated page without parts, more than 10,000 parts.</exception>
    public virtual IAsyncEnumerable<OssPartInfo> ListAllPartsAsync(string bucketName, string objectKey, string uploadId, CancellationToken cancellationToken = default)
        => PartListing.ReadAllAsync(ListPartsAsync, bucketName, objectKey, uploadId, cancellationToken);

    /// <summary>Completes a multipart upload (<c>POST /key?uploadId=ID</c>), assembling the listed parts in ascending order.</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The upload, its parts and an optional callback.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The object's ETag, CRC-64 and the callback's reply.</returns>
    /// <exception cref="ArgumentException">The part list is empty (without CompleteAll), has duplicates, or is given with CompleteAll.</exception>
    /// <exception cref="OssServiceException">The server refused, for example <c>InvalidPart</c>, <c>EntityTooSmall</c>, <c>NoSuchUpload</c>, or <c>CallbackFailed</c> (status 203: the object was stored).</exception>
    public virtual async Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        return await Operations.CompleteMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Aborts a multipart upload (<c>DELETE /key?uploadId=ID</c>), deleting its parts.</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The upload to abort.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the upload is gone.</returns>
    /// <exception cref="OssServiceException">The server refused, for example <c>NoSuchUpload</c>.</exception>
    public virtual async Task AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        await Operations.AbortMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists one page of the unfinished multipart uploads in a bucket (<c>GET /?uploads</c>).</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The bucket, an optional prefix and the page to read.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The page.</returns>
    public virtual async Task<ListMultipartUploadsResult> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken = default)
    {
        return await Operations.ListMultipartUploadsAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
