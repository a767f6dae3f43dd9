namespace Oss.ResumableUpload.Tests.Hostile;

/// <summary>
/// A CRC-64 the server sends but that is not a decimal 64-bit number is InvalidResponse, never "no CRC": the
/// engine skips the check when the CRC is absent, so reading garbage as absent would let a wrong object through.
/// </summary>
public sealed class Crc64ReplyTests
{
    private static readonly byte[] s_content = [1, 2, 3];

    public static TheoryData<string, string> MalformedHeaders()
    {
        var data = new TheoryData<string, string>();
        foreach (string operation in new[] { "UploadPart", "PutObject", "Complete", "HeadObject" })
        {
            foreach (string value in new[] { "abc", "-1", "+5", "0x10", "18446744073709551616", "1.5", "" })
            {
                data.Add(operation, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task A_malformed_crc64_header_is_invalid_response(string operation, string value)
    {
        using var server = new HostileHttpServer(_ => Reply(operation, "x-oss-hash-crc64ecma: " + value));
        using OssClient client = HostileClient.Create(server.Endpoint);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => CallAsync(client, operation));

        Assert.Contains("x-oss-hash-crc64ecma", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UploadPart")]
    [InlineData("PutObject")]
    [InlineData("Complete")]
    [InlineData("HeadObject")]
    public async Task Two_crc64_headers_are_invalid_response(string operation)
    {
        using var server = new HostileHttpServer(_ => Reply(operation, "x-oss-hash-crc64ecma: 1", "x-oss-hash-crc64ecma: 2"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        await HostileClient.InvalidResponseAsync(() => CallAsync(client, operation));
    }

    [Theory]
    [InlineData("UploadPart")]
    [InlineData("PutObject")]
    [InlineData("Complete")]
    [InlineData("HeadObject")]
    public async Task A_valid_crc64_is_read_and_an_absent_one_is_null(string operation)
    {
        using var server = new HostileHttpServer(_ => Reply(operation, "x-oss-hash-crc64ecma: 18446744073709551615"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        Assert.Equal(ulong.MaxValue, await CallAsync(client, operation));
        using var absentServer = new HostileHttpServer(_ => Reply(operation));
        using OssClient absentClient = HostileClient.Create(absentServer.Endpoint);
        Assert.Null(await CallAsync(absentClient, operation));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 7")]
    [InlineData("18446744073709551616")]
    [InlineData("")]
    public async Task A_malformed_list_parts_crc64_is_invalid_response(string value)
    {
        using var server = new HostileHttpServer(_ => ListPartsPagingTests.Page(truncated: false, next: null, parts: [1], extra: _ => $"<HashCrc64ecma>{value}</HashCrc64ecma>"));
        using OssClient client = HostileClient.Create(server.Endpoint);

        OssClientException ex = await HostileClient.InvalidResponseAsync(() => client.ListPartsAsync(new ListPartsRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1" }));

        Assert.Contains("HashCrc64ecma", ex.Message, StringComparison.Ordinal);
    }

    private static HostileReply Reply(string operation, params string[] crcHeaders) => operation switch
    {
        "Complete" => HostileReply.Text(200, "<CompleteMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><ETag>\"0123456789ABCDEF0123456789ABCDEF-1\"</ETag></CompleteMultipartUploadResult>", crcHeaders),
        "HeadObject" => HostileReply.Empty(200, [.. crcHeaders, "ETag: \"E\""]),
        _ => HostileReply.Empty(200, [.. crcHeaders, "ETag: " + HostileClient.Md5ETag(s_content)]),
    };

    private static async Task<ulong?> CallAsync(OssClient client, string operation)
    {
        switch (operation)
        {
            case "UploadPart":
                return (await HostileClient.UploadPartAsync(client, s_content)).HashCrc64Ecma;
            case "PutObject":
                return (await client.PutObjectAsync(new PutObjectRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", Content = new MemoryStream(s_content) })).HashCrc64Ecma;
            case "Complete":
                return (await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = HostileClient.Bucket, ObjectKey = "k", UploadId = "U1", Parts = [new PartETag(1, "\"E\"")] })).HashCrc64Ecma;
            default:
                return (await client.HeadObjectAsync(new HeadObjectRequest { BucketName = HostileClient.Bucket, ObjectKey = "k" })).HashCrc64Ecma;
        }
    }
}
