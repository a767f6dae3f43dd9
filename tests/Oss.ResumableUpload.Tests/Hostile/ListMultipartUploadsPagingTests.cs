namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>There is no "list all uploads" enumerator; a single truncated page must still let the caller advance.</summary>
public sealed class ListMultipartUploadsPagingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a", "U1")] // the markers the request sent
    [InlineData("0", "")] // behind the request's key marker
    public async Task A_truncated_page_whose_markers_do_not_advance_is_invalid(string nextKey, string nextUploadId)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200,
            $"<ListMultipartUploadsResult><IsTruncated>true</IsTruncated><NextKeyMarker>{nextKey}</NextKeyMarker><NextUploadIdMarker>{nextUploadId}</NextUploadIdMarker>" +
            "<Upload><Key>b</Key><UploadId>U2</UploadId></Upload></ListMultipartUploadsResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = HostileClient.Bucket, KeyMarker = "a", UploadIdMarker = "U1" }));
    }

    [Fact]
    public async Task A_truncated_page_that_advances_is_returned()
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200,
            "<ListMultipartUploadsResult><IsTruncated>true</IsTruncated><NextKeyMarker>b</NextKeyMarker><NextUploadIdMarker>U2</NextUploadIdMarker>" +
            "<Upload><Key>b</Key><UploadId>U2</UploadId></Upload></ListMultipartUploadsResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        ListMultipartUploadsResult page = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = HostileClient.Bucket, KeyMarker = "a", UploadIdMarker = "U1" });

        Assert.Equal("b", page.NextKeyMarker);
        Assert.Equal("U2", page.NextUploadIdMarker);
    }
}
