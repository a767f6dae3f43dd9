using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>
/// ListParts pages must make progress: part numbers strictly increase within and across pages, the next marker
/// advances, a truncated page carries parts, and no upload has more than 10,000 parts. Anything else is a typed
/// error in a bounded number of requests, never a loop and never a silently shortened listing.
/// </summary>
public sealed class ListPartsPagingTests
{
    [Fact]
    public async Task Markers_that_cycle_end_with_invalid_response_not_a_loop()
    {
        // 5, 3, 5, 3, ...: each page is truncated and points back.
        using var server = new HostileHttpServer(r =>
        {
            int marker = MarkerOf(r);
            return Page(truncated: true, next: marker == 5 ? "3" : "5", parts: marker == 0 ? [1, 2, 3, 4, 5] : []);
        });

        await AssertListAllFailsAsync(server, maxRequests: 3);
    }

    [Fact]
    public async Task Part_numbers_that_repeat_across_pages_are_invalid()
    {
        using var server = new HostileHttpServer(r => MarkerOf(r) == 0
            ? Page(truncated: true, next: "2", parts: [1, 2])
            : Page(truncated: false, next: "3", parts: [2, 3]));

        await AssertListAllFailsAsync(server, maxRequests: 2);
    }

    [Fact]
    public async Task Part_numbers_out_of_order_within_a_page_are_invalid()
    {
        using var server = new HostileHttpServer(_ => Page(truncated: false, next: "2", parts: [2, 1]));

        await AssertListAllFailsAsync(server, maxRequests: 1);
    }

    [Fact]
    public async Task A_next_marker_that_does_not_advance_is_invalid_not_the_end_of_the_listing()
    {
        // Before: a repeated marker ended the listing quietly, hiding parts 4.. from the resume logic.
        using var server = new HostileHttpServer(r => MarkerOf(r) == 0
            ? Page(truncated: true, next: "2", parts: [1, 2])
            : Page(truncated: true, next: "2", parts: [3]));

        await AssertListAllFailsAsync(server, maxRequests: 2);
    }

    [Fact]
    public async Task A_next_marker_behind_the_last_part_of_its_page_is_invalid()
    {
        using var server = new HostileHttpServer(r => MarkerOf(r) == 0
            ? Page(truncated: true, next: "1", parts: [1, 2])
            : Page(truncated: false, next: "3", parts: [3]));

        await AssertListAllFailsAsync(server, maxRequests: 1);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(true, "")]
    [InlineData(true, "7")]
    public async Task A_truncated_page_without_parts_is_invalid(bool truncated, string? next)
    {
        using var server = new HostileHttpServer(_ => Page(truncated, next, parts: []));

        await AssertListAllFailsAsync(server, maxRequests: 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task A_part_number_out_of_range_is_invalid(int partNumber)
    {
        using var server = new HostileHttpServer(_ => Page(truncated: false, next: null, parts: [partNumber]));

        await AssertListAllFailsAsync(server, maxRequests: 1);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("10001")]
    [InlineData("99999999999")]
    [InlineData("abc")]
    public async Task A_next_marker_out_of_range_is_invalid_response_not_an_argument_exception(string next)
    {
        using var server = new HostileHttpServer(_ => Page(truncated: true, next: next, parts: [1, 2]));

        OssClientException ex = await AssertListAllFailsAsync(server, maxRequests: 1);
        Assert.Contains("NextPartNumberMarker", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_part_size_is_invalid()
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, "<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber>1</PartNumber><ETag>\"E\"</ETag><Size>-5</Size></Part></ListPartsResult>"));

        await AssertListAllFailsAsync(server, maxRequests: 1);
    }

    [Fact]
    public async Task Ten_thousand_parts_over_many_pages_are_listed()
    {
        using var server = new HostileHttpServer(r =>
        {
            int marker = MarkerOf(r);
            int[] parts = Enumerable.Range(marker + 1, Math.Min(1000, 10_000 - marker)).ToArray();
            bool last = parts[^1] == 10_000;
            return Page(truncated: !last, next: parts[^1].ToString(CultureInfo.InvariantCulture), parts);
        });
        using OssClient client = HostileClient.Create(server.Endpoint);

        int count = 0;
        int previous = 0;
        await foreach (OssPartInfo part in client.ListAllPartsAsync(HostileClient.Bucket, "k", "U1"))
        {
            Assert.Equal(previous + 1, part.PartNumber);
            previous = part.PartNumber;
            count++;
        }

        Assert.Equal(10_000, count);
        Assert.Equal(10, server.Received.Count);
    }

    [Fact]
    public async Task Single_page_listing_applies_the_same_rules()
    {
        using var server = new HostileHttpServer(_ => Page(truncated: true, next: "3", parts: [4, 5]));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.ListPartsAsync(new ListPartsRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1" }));
        await HostileClient.InvalidResponseAsync(() => client.ListPartsAsync(new ListPartsRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1", PartNumberMarker = 4 }));
    }

    internal static int MarkerOf(HostileRequest request)
        => request.Query.TryGetValue("part-number-marker", out string? marker) ? int.Parse(marker, CultureInfo.InvariantCulture) : 0;

    internal static HostileReply Page(bool truncated, string? next, int[] parts, Func<int, string>? extra = null)
    {
        var xml = new StringBuilder("<ListPartsResult><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U1</UploadId>");
        if (next is not null)
        {
            xml.Append("<NextPartNumberMarker>").Append(next).Append("</NextPartNumberMarker>");
        }

        xml.Append("<IsTruncated>").Append(truncated ? "true" : "false").Append("</IsTruncated>");
        foreach (int part in parts)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{part}</PartNumber><ETag>\"E{part}\"</ETag><Size>102400</Size>{extra?.Invoke(part)}</Part>");
        }

        return HostileReply.Text(200, xml.Append("</ListPartsResult>").ToString());
    }

    private static async Task<OssClientException> AssertListAllFailsAsync(HostileHttpServer server, int maxRequests)
    {
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 3);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // a loop fails the test instead of hanging it

        OssClientException ex = await HostileClient.InvalidResponseAsync(async () =>
        {
            await foreach (OssPartInfo part in client.ListAllPartsAsync(HostileClient.Bucket, "k", "U1", guard.Token))
            {
                _ = part;
            }
        });

        Assert.InRange(server.Received.Count, 1, maxRequests);
        return ex;
    }
}
