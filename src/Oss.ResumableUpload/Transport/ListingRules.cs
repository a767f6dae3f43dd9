using System.Globalization;
using Oss.ResumableUpload.Protocol;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// The rules a listing page must follow so that paging always ends. ListParts: part numbers are 1..10000 and
/// strictly increase, every part lies past the requested marker, and a truncated page carries parts and a next
/// marker at or past its last part; following only such pages, a listing takes at most 10,000 requests and yields at
/// most 10,000 parts. ListMultipartUploads: a truncated page's next markers advance. A page that breaks a rule is
/// <see cref="OssClientErrorCode.InvalidResponse"/>.
/// </summary>
internal static class ListingRules
{
    public static void CheckPartsPage(ListPartsResult page, int requestMarker, string resource)
    {
        int previous = requestMarker;
        foreach (OssPartInfo part in page.Parts)
        {
            if (part.PartNumber is < 1 or > OssLimits.MaxPartNumber)
            {
                throw Broken(resource, $"part number {part.PartNumber} is not 1..{OssLimits.MaxPartNumber}", page.RequestId);
            }

            if (part.PartNumber <= previous)
            {
                throw Broken(resource, $"part {part.PartNumber} follows part or marker {previous}; part numbers must strictly increase", page.RequestId);
            }

            if (part.Size is < 0 or > OssLimits.MaxPartSize)
            {
                throw Broken(resource, $"part {part.PartNumber} has size {part.Size}, not 0..{OssLimits.MaxPartSize}", page.RequestId);
            }

            previous = part.PartNumber;
        }

        if (page.NextPartNumberMarker is int next && next is < 0 or > OssLimits.MaxPartNumber)
        {
            throw Broken(resource, $"NextPartNumberMarker {next} is not 0..{OssLimits.MaxPartNumber}", page.RequestId);
        }

        if (!page.IsTruncated)
        {
            return;
        }

        if (page.Parts.Count == 0)
        {
            throw Broken(resource, "the page is truncated but lists no parts, so the listing cannot advance", page.RequestId);
        }

        int last = page.Parts[^1].PartNumber;
        if (page.NextPartNumberMarker is int marker && marker < last)
        {
            throw Broken(resource, $"NextPartNumberMarker {marker} is behind the page's last part {last}", page.RequestId);
        }

        if ((page.NextPartNumberMarker ?? last) >= OssLimits.MaxPartNumber)
        {
            throw Broken(resource, $"the page is truncated but its NextPartNumberMarker is {page.NextPartNumberMarker ?? last}, and no part follows {OssLimits.MaxPartNumber}", page.RequestId);
        }
    }

    /// <summary>
    /// A truncated ListMultipartUploads page must name where the next page starts, at or past the request's key
    /// marker (keys are listed in UTF-8 byte order) and not at the request's own (key, upload id) marker.
    /// </summary>
    public static void CheckUploadsPage(ListMultipartUploadsResult page, ListMultipartUploadsRequest request, string resource, string? requestId)
    {
        if (!page.IsTruncated)
        {
            return;
        }

        if (page.NextKeyMarker is null)
        {
            throw BrokenUploads(resource, "the page is truncated but has no NextKeyMarker", requestId);
        }

        int order = CompareUtf8(page.NextKeyMarker, request.KeyMarker ?? string.Empty);
        if (order < 0 || (order == 0 && string.Equals(page.NextUploadIdMarker ?? string.Empty, request.UploadIdMarker ?? string.Empty, StringComparison.Ordinal)))
        {
            throw BrokenUploads(resource, "the page is truncated but its next markers do not advance past the request's", requestId);
        }
    }

    /// <summary>The marker of the page after <paramref name="page"/>, which must be truncated and valid.</summary>
    public static int NextMarker(ListPartsResult page) => page.NextPartNumberMarker ?? page.Parts[^1].PartNumber;

    private static int CompareUtf8(string a, string b)
        => System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b));

    private static OssClientException BrokenUploads(string resource, string detail, string? requestId)
        => ProtocolViolation.Create($"the ListMultipartUploads page of GET {resource}: {detail}", requestId);

    private static OssClientException Broken(string resource, string detail, string? requestId)
        => ProtocolViolation.Create(string.Create(CultureInfo.InvariantCulture, $"the ListParts page of GET {resource}: {detail}"), requestId);
}
