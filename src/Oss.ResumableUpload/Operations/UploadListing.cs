using System.Runtime.CompilerServices;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Operations;

/// <summary>Follows every page of ListMultipartUploads, and aborts the uploads of a listing that are older than a cut.</summary>
internal static class UploadListing
{
    /// <summary>Throws unless the prefix is null, empty (all keys) or could begin a valid object key.</summary>
    public static void ValidatePrefix(string? prefix, string paramName)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            OssRequestValidation.ValidateObjectKey(prefix, paramName);
        }
    }

    /// <param name="readPage">Reads one page: the client's public (overridable) ListMultipartUploads.</param>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="prefix">The key prefix; null or empty lists every upload.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    public static async IAsyncEnumerable<OssMultipartUploadInfo> ReadAllAsync(
        Func<ListMultipartUploadsRequest, CancellationToken, Task<ListMultipartUploadsResult>> readPage,
        string bucketName,
        string? prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        OssRequestValidation.ValidateBucketName(bucketName, nameof(bucketName));
        ValidatePrefix(prefix, nameof(prefix));
        var request = new ListMultipartUploadsRequest { BucketName = bucketName, Prefix = string.IsNullOrEmpty(prefix) ? null : prefix };
        while (true)
        {
            ListMultipartUploadsResult page = await readPage(request, cancellationToken).ConfigureAwait(false);

            // The adapter checks each page; this holds even when the page reader is overridden, so paging always ends.
            ListingRules.CheckUploadsPage(page, request, "/" + bucketName + "/?uploads", requestId: null);
            foreach (OssMultipartUploadInfo upload in page.Uploads)
            {
                yield return upload;
            }

            if (!page.IsTruncated)
            {
                yield break;
            }

            request = new ListMultipartUploadsRequest
            {
                BucketName = bucketName,
                Prefix = request.Prefix,
                KeyMarker = page.NextKeyMarker,
                UploadIdMarker = page.NextUploadIdMarker,
            };
        }
    }

    /// <summary>Lists first, then aborts each listed upload initiated strictly before the cut, one at a time.</summary>
    public static async Task<IReadOnlyList<OssMultipartUploadInfo>> AbortOlderThanAsync(
        IAsyncEnumerable<OssMultipartUploadInfo> uploads,
        Func<AbortMultipartUploadRequest, CancellationToken, Task> abort,
        string bucketName,
        DateTimeOffset initiatedBefore,
        CancellationToken cancellationToken)
    {
        var candidates = new List<OssMultipartUploadInfo>();
        await foreach (OssMultipartUploadInfo upload in uploads.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (upload.Initiated < initiatedBefore)
            {
                candidates.Add(upload);
            }
        }

        var aborted = new List<OssMultipartUploadInfo>(candidates.Count);
        List<Exception>? failures = null;
        foreach (OssMultipartUploadInfo upload in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await abort(new AbortMultipartUploadRequest { BucketName = bucketName, ObjectKey = upload.ObjectKey, UploadId = upload.UploadId }, cancellationToken).ConfigureAwait(false);
                aborted.Add(upload);
            }
            catch (OssServiceException ex) when (ex.ErrorCode == "NoSuchUpload")
            {
                // Completed or aborted by someone else since the listing: gone either way, and not by us.
            }
            catch (OssException ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException(
                $"{failures.Count} of the {candidates.Count} uploads initiated before {initiatedBefore:O} in bucket {bucketName} could not be aborted; {aborted.Count} were aborted.",
                failures);
        }

        return aborted;
    }
}
