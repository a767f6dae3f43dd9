using Oss.ResumableUpload.Operations;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload;

/// <content>Bucket maintenance: finding and aborting abandoned multipart uploads.</content>
public partial class OssClient
{
    /// <summary>Lists every unfinished multipart upload in a bucket, following all pages of <see cref="ListMultipartUploadsAsync"/> (an override of it is used here).</summary>
    /// <remarks>
    /// Pages are requested as the enumeration advances. The arguments are checked when the enumeration starts, before
    /// the first request. Overriding this method changes what it does for its callers only:
    /// <see cref="ResumableUploadAsync"/> never calls it.
    /// </remarks>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="prefix">Lists only the uploads whose key starts with this prefix. Default null: every upload.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The uploads, ordered by key and then upload id.</returns>
    /// <exception cref="ArgumentException">The bucket name or prefix is invalid.</exception>
    /// <exception cref="OssServiceException">The server refused a page, for example <c>NoSuchBucket</c> or <c>AccessDenied</c>.</exception>
    /// <exception cref="OssClientException">A page broke the paging rules (<see cref="OssClientErrorCode.InvalidResponse"/>): a truncated page whose next markers are missing or do not advance; or the network failed after all retries.</exception>
    public virtual IAsyncEnumerable<OssMultipartUploadInfo> ListAllMultipartUploadsAsync(string bucketName, string? prefix = null, CancellationToken cancellationToken = default)
        => UploadListing.ReadAllAsync(ListMultipartUploadsAsync, bucketName, prefix, cancellationToken);

    /// <summary>Aborts every unfinished multipart upload in a bucket that was initiated strictly before <paramref name="initiatedBefore"/>, deleting its parts.</summary>
    /// <remarks>
    /// <para>
    /// The method first lists the uploads (through <see cref="ListAllMultipartUploadsAsync"/>), then aborts the old
    /// ones one at a time (through <see cref="AbortMultipartUploadAsync"/>); overrides of both are used. The cut
    /// compares <see cref="OssMultipartUploadInfo.Initiated"/>, the server's clock, so pass a point in time such as
    /// <c>DateTimeOffset.UtcNow - TimeSpan.FromDays(7)</c> that leaves uploads still in progress alone.
    /// </para>
    /// <para>
    /// An upload that is gone by the time it is aborted (<c>NoSuchUpload</c>: completed or aborted by someone else) is
    /// skipped and not returned. Any other failure to abort one upload does not stop the others: once every upload
    /// has been tried, the failures are thrown together as an <see cref="AggregateException"/> of
    /// <see cref="OssException"/>s, and the uploads aborted so far stay aborted (listing again shows what is left). A
    /// failure while listing, and cancellation, stop the method at once.
    /// </para>
    /// <para>A bucket lifecycle rule (<c>AbortMultipartUpload</c> with <c>Days</c>) does the same on the server, without a client.</para>
    /// </remarks>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="prefix">Considers only the uploads whose key starts with this prefix; null or empty: every upload.</param>
    /// <param name="initiatedBefore">Aborts the uploads initiated before this point in time (not at it).</param>
    /// <param name="cancellationToken">A token to cancel the operation; uploads aborted before it fired stay aborted.</param>
    /// <returns>The uploads this call aborted, in listing order.</returns>
    /// <exception cref="ArgumentException">The bucket name or prefix is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initiatedBefore"/> is <c>default</c> (<see cref="DateTimeOffset.MinValue"/>), which would abort nothing and is almost surely a mistake.</exception>
    /// <exception cref="OssServiceException">The server refused the listing.</exception>
    /// <exception cref="OssClientException">The listing broke the paging rules, or the network failed after all retries.</exception>
    /// <exception cref="AggregateException">One or more uploads could not be aborted; its inner exceptions say why.</exception>
    public virtual async Task<IReadOnlyList<OssMultipartUploadInfo>> AbortIncompleteUploadsAsync(string bucketName, string? prefix, DateTimeOffset initiatedBefore, CancellationToken cancellationToken = default)
    {
        OssRequestValidation.ValidateBucketName(bucketName, nameof(bucketName));
        UploadListing.ValidatePrefix(prefix, nameof(prefix));
        if (initiatedBefore == DateTimeOffset.MinValue)
        {
            throw new ArgumentOutOfRangeException(nameof(initiatedBefore), initiatedBefore, "initiatedBefore is DateTimeOffset.MinValue (default), before every upload; pass the point in time before which uploads count as abandoned.");
        }

        return await UploadListing.AbortOlderThanAsync(
            ListAllMultipartUploadsAsync(bucketName, prefix, cancellationToken), AbortMultipartUploadAsync, bucketName, initiatedBefore, cancellationToken).ConfigureAwait(false);
    }
}
