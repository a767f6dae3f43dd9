using Oss.ResumableUpload.Hashing;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload;

/// <content>The single-request object operations: PutObject and HeadObject.</content>
public partial class OssClient
{
    /// <summary>Uploads a whole object in one request (<c>PUT /key</c>) with a Content-MD5 the library computes.</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The bucket, key and content.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The object's ETag and CRC-64.</returns>
    /// <exception cref="OssServiceException">The server refused, or <c>CallbackFailed</c> (status 203: the object was stored).</exception>
    public virtual async Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OssRequestValidation.ValidateBucketName(request.BucketName, nameof(request));
        OssRequestValidation.ValidateObjectKey(request.ObjectKey, nameof(request));
        ObjectSettings settings = ObjectSettings.From(request);
        settings.Validate(nameof(PutObjectRequest), nameof(request));
        ObjectSettings.ValidateTrafficLimit(request.TrafficLimit, nameof(PutObjectRequest), nameof(request));
        OssRequestValidation.ValidateCallback(request.Callback, nameof(request));
        (OssRequestBody body, Md5Digest md5) = await StreamRequestBody.CreateAsync(request.Content, request.ContentLength, nameof(request), cancellationToken).ConfigureAwait(false);
        return await Operations.PutObjectAsync(
            request.BucketName, request.ObjectKey, body, md5, settings, request.Callback, request.TrafficLimit, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an object's metadata (<c>HEAD /key</c>).</summary>
    /// <remarks>Overriding this method changes what it does for its callers only: <see cref="ResumableUploadAsync"/> sends its requests through the client's internal adapter and never calls this method.</remarks>
    /// <param name="request">The bucket and key.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The object's size, ETag, CRC-64 and metadata.</returns>
    /// <exception cref="OssServiceException">The object does not exist (<c>NoSuchKey</c>, 404) or the request was refused.</exception>
    public virtual async Task<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        return await Operations.HeadObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
