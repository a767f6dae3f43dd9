namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>
/// Values the library keeps or acts on are checked before use: ETags and upload ids are bounded visible ASCII,
/// echoed bucket, key and upload id must be the ones asked for, HeadObject's Content-Length is a non-negative
/// number, a clock-skew correction is bounded, and a malformed listing is typed. Each violation is InvalidResponse.
/// </summary>
public sealed class ReplyValueTests
{
    private static readonly byte[] s_content = [1, 2, 3];

    public static TheoryData<string> BadETags() => new()
    {
        "\"" + new string('A', 300) + "\"",
        "\"AB CD\"",
        "\"AB\u00E9\"",
    };

    [Theory]
    [MemberData(nameof(BadETags))]
    public async Task A_bad_upload_part_etag_is_invalid_response_not_a_checksum_mismatch(string etag)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Empty(200, "ETag: " + etag));
        using OssClient client = HostileClient.Create(server.Endpoint);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.UploadPartAsync(client, s_content));

        Assert.Contains("ETag", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Message.Length, 1, 600);
    }

    [Theory]
    [MemberData(nameof(BadETags))]
    public async Task A_bad_put_object_or_head_object_etag_is_invalid_response(string etag)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Empty(200, "ETag: " + etag));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.PutObjectAsync(new PutObjectRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", Content = new MemoryStream(s_content) }));
        await HostileClient.InvalidResponseAsync(() => client.HeadObjectAsync(new HeadObjectRequest { BucketName = HostileClient.Bucket, ObjectKey = "k" }));
    }

    [Theory]
    [MemberData(nameof(BadETags))]
    public async Task A_bad_list_parts_or_complete_etag_is_invalid_response(string etag)
    {
        string xmlETag = System.Security.SecurityElement.Escape(etag);
        using var server = new HostileHttpServer(r => r.Method == "GET"
            ? HostileReply.Text(200, $"<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber>1</PartNumber><ETag>{xmlETag}</ETag><Size>1</Size></Part></ListPartsResult>")
            : HostileReply.Text(200, $"<CompleteMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><ETag>{xmlETag}</ETag></CompleteMultipartUploadResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.ListPartsAsync(new ListPartsRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1" }));
        await HostileClient.InvalidResponseAsync(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1", Parts = [new PartETag(1, "\"E\"")] }));
    }

    public static TheoryData<string> BadUploadIds() => new()
    {
        new string('u', 64 * 1024),
        new string('u', 1025),
        "U1&#13;&#10;FAKE",
        "U 1",
        "U\u00E91",
        "U&#x202E;1",
    };

    [Theory]
    [MemberData(nameof(BadUploadIds))]
    public async Task A_bad_upload_id_from_initiate_is_invalid_response(string uploadId)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, HostileClient.InitiateXml(uploadId)));
        using OssClient client = HostileClient.Create(server.Endpoint);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));

        Assert.Contains("UploadId", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Message.Length, 1, 600);
    }

    [Fact]
    public async Task An_upload_id_of_1024_characters_is_accepted()
    {
        string uploadId = new('u', 1024);
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, HostileClient.InitiateXml(uploadId)));
        using OssClient client = HostileClient.Create(server.Endpoint);

        Assert.Equal(uploadId, (await HostileClient.InitiateAsync(client)).UploadId);
    }

    [Theory]
    [MemberData(nameof(BadUploadIds))]
    public async Task A_bad_upload_id_in_list_multipart_uploads_is_invalid_response(string uploadId)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, $"<ListMultipartUploadsResult><IsTruncated>false</IsTruncated><Upload><Key>k</Key><UploadId>{uploadId}</UploadId></Upload></ListMultipartUploadsResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = HostileClient.Bucket }));
    }

    [Theory]
    [InlineData("<Bucket>other-bucket</Bucket><Key>k</Key>")]
    [InlineData("<Bucket>test-bucket</Bucket><Key>other</Key>")]
    [InlineData("<EncodingType>url</EncodingType><Bucket>test-bucket</Bucket><Key>dir%2Fb</Key>")]
    public async Task An_echo_of_another_bucket_or_key_is_invalid_response(string echo)
    {
        using var server = new HostileHttpServer(r => r.Has("uploads")
            ? HostileReply.Text(200, $"<InitiateMultipartUploadResult>{echo}<UploadId>U1</UploadId></InitiateMultipartUploadResult>")
            : HostileReply.Text(200, $"<CompleteMultipartUploadResult>{echo}<ETag>\"E-1\"</ETag></CompleteMultipartUploadResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client, "dir/a b"));
        await HostileClient.InvalidResponseAsync(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = HostileClient.Bucket, ObjectKey = "dir/a b", UploadId = "U1", Parts = [new PartETag(1, "\"E\"")] }));
    }

    [Theory]
    [InlineData("<EncodingType>url</EncodingType><Bucket>test-bucket</Bucket><Key>dir%2Fa%20b</Key>")]
    [InlineData("<EncodingType>url</EncodingType><Bucket>test-bucket</Bucket><Key>dir%2Fa+b</Key>")]
    [InlineData("<Bucket>test-bucket</Bucket><Key>dir/a b</Key>")]
    [InlineData("")]
    public async Task An_echo_of_the_same_bucket_and_key_is_accepted(string echo)
    {
        using var server = new HostileHttpServer(r => r.Has("uploads")
            ? HostileReply.Text(200, $"<InitiateMultipartUploadResult>{echo}<UploadId>U1</UploadId></InitiateMultipartUploadResult>")
            : HostileReply.Text(200, $"<CompleteMultipartUploadResult>{echo}<ETag>\"E-1\"</ETag></CompleteMultipartUploadResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        InitiateMultipartUploadResult initiated = await HostileClient.InitiateAsync(client, "dir/a b");
        CompleteMultipartUploadResult completed = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = HostileClient.Bucket, ObjectKey = "dir/a b", UploadId = "U1", Parts = [new PartETag(1, "\"E\"")] });

        Assert.Equal("dir/a b", initiated.ObjectKey);
        Assert.Equal("dir/a b", completed.ObjectKey);
        Assert.Equal(HostileClient.Bucket, completed.BucketName);
    }

    [Theory]
    [InlineData("<UploadId>U2</UploadId>")]
    [InlineData("<Bucket>other-bucket</Bucket>")]
    [InlineData("<Key>other</Key>")]
    public async Task A_list_parts_page_for_another_upload_is_invalid_response(string echo)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, $"<ListPartsResult>{echo}<IsTruncated>false</IsTruncated></ListPartsResult>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.ListPartsAsync(new ListPartsRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1" }));
    }

    [Theory]
    [InlineData("Content-Length: -5")]
    [InlineData("Content-Length: abc")]
    [InlineData(null)]
    public async Task A_head_object_without_a_valid_content_length_is_a_typed_error(string? header)
    {
        string[] headers = header is null ? ["ETag: \"E\""] : [header, "ETag: \"E\""];
        using var server = new HostileHttpServer(_ => new HostileReply { Status = 200, Headers = headers });
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.HeadObjectAsync(new HeadObjectRequest { BucketName = HostileClient.Bucket, ObjectKey = "k" }));
    }

    [Fact]
    public async Task A_head_object_content_length_is_the_object_size()
    {
        using var server = new HostileHttpServer(_ => new HostileReply { Status = 200, Headers = ["Content-Length: 5368709120", "ETag: \"E\""] });
        using OssClient client = HostileClient.Create(server.Endpoint);

        Assert.Equal(5L * 1024 * 1024 * 1024, (await client.HeadObjectAsync(new HeadObjectRequest { BucketName = HostileClient.Bucket, ObjectKey = "k" })).ContentLength);
    }

    [Theory]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData("Mon, 01 Jan 0001 00:00:00 GMT")]
    public async Task An_absurd_server_date_is_not_used_to_correct_the_clock(string date)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(403, "<Error><Code>RequestTimeTooSkewed</Code></Error>", "Date: " + date));
        using OssClient client = HostileClient.Create(server.Endpoint, maxRetries: 3);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => HostileClient.InitiateAsync(client));

        Assert.Contains("Date", ex.Message, StringComparison.Ordinal);
        OssServiceException skew = Assert.IsType<OssServiceException>(ex.InnerException);
        Assert.Equal("RequestTimeTooSkewed", skew.ErrorCode);
        Assert.Single(server.Received);
        Assert.Equal(TimeSpan.Zero, client.Pipeline.ClockOffset);
    }

    [Fact]
    public async Task A_plausible_server_date_still_corrects_the_clock()
    {
        DateTimeOffset ahead = DateTimeOffset.UtcNow.AddHours(5);
        int calls = 0;
        using var server = new HostileHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? HostileReply.Text(403, "<Error><Code>RequestTimeTooSkewed</Code></Error>", "Date: " + ahead.ToString("r", System.Globalization.CultureInfo.InvariantCulture))
            : HostileReply.Text(200, HostileClient.InitiateXml()));
        using OssClient client = HostileClient.Create(server.Endpoint);

        Assert.Equal("U1", (await HostileClient.InitiateAsync(client)).UploadId);
        Assert.InRange(client.Pipeline.ClockOffset, TimeSpan.FromHours(4.9), TimeSpan.FromHours(5.1));
    }

    [Theory]
    [InlineData("<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber>1</PartNumber></Par")]
    [InlineData("<ListPartsResult><Part><PartNumber>1</PartNumber><ETag>\"E\"</ETag><Size>1</Size></Part><Part></ListPartsResult>")]
    public async Task A_list_parts_reply_malformed_mid_document_is_invalid_response(string xml)
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, xml));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.ListPartsAsync(new ListPartsRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1" }));
    }

    [Fact]
    public async Task A_list_uploads_reply_malformed_mid_document_is_invalid_response()
    {
        using var server = new HostileHttpServer(_ => HostileReply.Text(200, "<ListMultipartUploadsResult><Upload><Key>k</Key><UploadId>U1</Upl"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = HostileClient.Bucket }));
    }
}
