using System.Runtime.CompilerServices;
using Oss.ResumableUpload.Protocol;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Operations;

/// <summary>Follows every page of ListParts, checking across pages what one page cannot show.</summary>
internal static class PartListing
{
    /// <param name="readPage">Reads one page: the adapter's own ListParts, or the client's public (overridable) one.</param>
    /// <param name="bucketName">The bucket name.</param>
    /// <param name="objectKey">The object key.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    public static async IAsyncEnumerable<OssPartInfo> ReadAllAsync(
        Func<ListPartsRequest, CancellationToken, Task<ListPartsResult>> readPage,
        string bucketName,
        string objectKey,
        string uploadId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        MultipartRequests.ValidateUploadTarget(bucketName, objectKey, uploadId);
        int? marker = null;
        int last = 0;
        while (true)
        {
            ListPartsResult page = await readPage(
                new ListPartsRequest { BucketName = bucketName, ObjectKey = objectKey, UploadId = uploadId, PartNumberMarker = marker },
                cancellationToken).ConfigureAwait(false);
            foreach (OssPartInfo part in page.Parts)
            {
                // ListParts checks each page; this holds across pages even when the page reader is overridden.
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
}
