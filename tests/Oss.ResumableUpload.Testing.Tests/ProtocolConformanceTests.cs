using System.Text;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Raw HTTP requests for what the client never sends, and the reply shapes OSS uses.</summary>
public sealed class ProtocolConformanceTests
{
    private const string B = TestClients.Bucket;

    private static Dictionary<string, string> Md5Header(byte[] data) => new() { ["Content-MD5"] = RawRequests.ContentMd5(data) };

    [Fact]
    public async Task EveryReplyHasServerHeaderLowerCaseOssHeadersAndAUniqueRequestId()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        RawResponse first = await RawRequests.SendAsync(server, HttpMethod.Put, B, "x", body: [1, 2, 3]);
        RawResponse second = await RawRequests.SendAsync(server, HttpMethod.Get, B, "missing");

        Assert.Equal(200, first.Status);
        Assert.Equal(404, second.Status);
        foreach (RawResponse response in new[] { first, second })
        {
            Assert.Equal("AliyunOSS", response.Header("Server"));
            Assert.Matches("^[0-9A-F]{24}$", response.Header("x-oss-request-id"));
            Assert.All(response.HeaderNames.Where(n => n.StartsWith("x-oss-", StringComparison.OrdinalIgnoreCase)), n => Assert.Equal(n.ToLowerInvariant(), n));
        }

        Assert.NotEqual(first.Header("x-oss-request-id"), second.Header("x-oss-request-id"));
        Assert.Equal(second.Header("x-oss-request-id"), second.XmlValue("RequestId"));
    }

    [Fact]
    public async Task ErrorXmlCarriesCodeMessageRequestIdHostIdAndEc()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Get, B, "nope");

        Assert.Equal(404, response.Status);
        Assert.Equal("application/xml", response.ContentType);
        Assert.Equal("NoSuchKey", response.XmlValue("Code"));
        Assert.False(string.IsNullOrEmpty(response.XmlValue("Message")));
        Assert.Equal(response.Header("x-oss-request-id"), response.XmlValue("RequestId"));
        Assert.StartsWith(B + ".127.0.0.1:", response.XmlValue("HostId"), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d{8}$", response.XmlValue("EC"));
        Assert.Equal(response.XmlValue("EC"), response.Header("x-oss-ec"));
    }

    [Fact]
    public async Task HeadErrorHasNoBodyButXOssErrAndXOssEc()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Head, B, "nope");

        Assert.Equal(404, response.Status);
        Assert.Empty(response.Body);
        string xml = Encoding.UTF8.GetString(Convert.FromBase64String(response.Header("x-oss-err")!));
        Assert.Contains("<Code>NoSuchKey</Code>", xml, StringComparison.Ordinal);
        Assert.NotNull(response.Header("x-oss-ec"));
    }

    [Fact]
    public async Task UnknownBucketIsNoSuchBucketAndPutBucketCreatesIt()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        RawResponse missing = await RawRequests.SendAsync(server, HttpMethod.Put, "other-bucket", "k", body: [1]);
        Assert.Equal(404, missing.Status);
        Assert.Equal("NoSuchBucket", missing.ErrorCode);

        RawResponse created = await RawRequests.SendAsync(server, HttpMethod.Put, "other-bucket", null);
        Assert.Equal(200, created.Status);
        Assert.Contains("other-bucket", server.GetBuckets());
        Assert.Equal(200, (await RawRequests.SendAsync(server, HttpMethod.Put, "other-bucket", "k", body: [1])).Status);

        RawResponse invalid = await RawRequests.SendAsync(server, HttpMethod.Put, "Bad_Bucket", null);
        Assert.Equal(400, invalid.Status);
        Assert.Equal("InvalidBucketName", invalid.ErrorCode);
    }

    [Fact]
    public async Task PartsOutOfOrderAreInvalidPartOrder()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        byte[] part = new byte[102_400];
        string e1 = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, part);
        string e2 = await RawRequests.UploadPartAsync(server, "k", uploadId, 2, part);

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((2, e2), (1, e1)));

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidPartOrder", response.ErrorCode);
        Assert.Equal("0042-00000209", response.XmlValue("EC"));
        Assert.NotNull(server.GetUpload(uploadId));
    }

    [Fact]
    public async Task AWrongETagIsInvalidPartNamingThePart()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string e1 = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, new byte[102_400]);
        await RawRequests.UploadPartAsync(server, "k", uploadId, 2, [1, 2, 3]);

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1), (2, "\"0123456789ABCDEF0123456789ABCDEF\"")));

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidPart", response.ErrorCode);
        Assert.Equal("2", response.XmlValue("PartNumber"));
        Assert.Equal(uploadId, response.XmlValue("UploadId"));
    }

    [Fact]
    public async Task AMissingPartIsInvalidPart()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string e1 = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1]);

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1), (3, e1)));

        Assert.Equal("InvalidPart", response.ErrorCode);
        Assert.Equal("3", response.XmlValue("PartNumber"));
    }

    [Fact]
    public async Task ATinyNonLastPartIsEntityTooSmallButATinyLastPartIsFine()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string e1 = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, new byte[102_399]);
        string e2 = await RawRequests.UploadPartAsync(server, "k", uploadId, 2, [9]);

        RawResponse tooSmall = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1), (2, e2)));
        Assert.Equal(400, tooSmall.Status);
        Assert.Equal("EntityTooSmall", tooSmall.ErrorCode);
        Assert.Equal("0042-00000213", tooSmall.XmlValue("EC"));

        string e1Big = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, new byte[102_400]);
        RawResponse ok = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1Big), (2, e2)));
        Assert.Equal(200, ok.Status);
        Assert.Equal(102_401, server.GetObject(B, "k")!.Size);
    }

    [Fact]
    public async Task CompletingASubsetOfPartsSkipsTheOthers()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        byte[] p1 = TestClients.RandomBytes(102_400, 1);
        byte[] p3 = TestClients.RandomBytes(50, 3);
        string e1 = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, p1);
        await RawRequests.UploadPartAsync(server, "k", uploadId, 2, new byte[102_400]);
        string e3 = await RawRequests.UploadPartAsync(server, "k", uploadId, 3, p3);

        RawResponse ok = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1), (3, e3)));

        Assert.Equal(200, ok.Status);
        Assert.Equal(p1.Concat(p3).ToArray(), await server.ReadObjectAsync(B, "k"));
        Assert.Equal(OssCrc64.Compute([.. p1, .. p3]).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(ok.Header("ETag"), ok.XmlValue("ETag"));
        Assert.EndsWith("-2\"", ok.XmlValue("ETag"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OssOperationKind.UploadPart)]
    [InlineData(OssOperationKind.ListParts)]
    [InlineData(OssOperationKind.CompleteMultipartUpload)]
    [InlineData(OssOperationKind.AbortMultipartUpload)]
    public async Task AnUnknownUploadIdIsNoSuchUpload(OssOperationKind operation)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        const string Id = "0004B999EF5A239BB9138C6227D6FFFF";
        RawResponse response = operation switch
        {
            OssOperationKind.UploadPart => await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber=1&uploadId={Id}", new byte[1000]),
            OssOperationKind.ListParts => await RawRequests.SendAsync(server, HttpMethod.Get, B, "k", $"uploadId={Id}"),
            OssOperationKind.CompleteMultipartUpload => await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={Id}", RawRequests.CompleteBody((1, "\"00\""))),
            _ => await RawRequests.SendAsync(server, HttpMethod.Delete, B, "k", $"uploadId={Id}"),
        };

        Assert.Equal(404, response.Status);
        Assert.Equal("NoSuchUpload", response.ErrorCode);
        Assert.Equal("0017-00000244", response.XmlValue("EC"));
        Assert.Equal(operation, server.Requests.Single().Operation);
    }

    [Fact]
    public async Task AnUploadIdOfAnotherKeyIsNoSuchUpload()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Put, B, "other", $"partNumber=1&uploadId={uploadId}", [1]);

        Assert.Equal("NoSuchUpload", response.ErrorCode);
    }

    [Fact]
    public async Task AWrongContentMd5IsInvalidDigestAndThePartIsNotStored()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        byte[] data = TestClients.RandomBytes(1000, 7);

        RawResponse wrong = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber=1&uploadId={uploadId}", data, Md5Header([1, 2, 3]));
        RawResponse garbage = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber=1&uploadId={uploadId}", data, new Dictionary<string, string> { ["Content-MD5"] = "not-base64!" });

        Assert.Equal(400, wrong.Status);
        Assert.Equal("InvalidDigest", wrong.ErrorCode);
        Assert.Equal("InvalidDigest", garbage.ErrorCode);
        Assert.Empty(server.GetUpload(uploadId)!.Parts);
        Assert.Equal(2000, server.GetPartBytesReceived(uploadId, 1));

        RawResponse putObject = await RawRequests.SendAsync(server, HttpMethod.Put, B, "obj", body: data, headers: Md5Header([4]));
        Assert.Equal("InvalidDigest", putObject.ErrorCode);
        Assert.Null(server.GetObject(B, "obj"));
    }

    [Fact]
    public async Task UploadPartAnswersETagCrcAndContentMd5AndReplacesAnEarlierPart()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        byte[] first = TestClients.RandomBytes(500, 1);
        byte[] second = TestClients.RandomBytes(700, 2);

        RawResponse r1 = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber=5&uploadId={uploadId}", first);
        RawResponse r2 = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber=5&uploadId={uploadId}", second, Md5Header(second));

        Assert.Equal(PartHasher.Compute(first).Md5.ToETag(), r1.Header("ETag"));
        Assert.Matches("^\"[0-9A-F]{32}\"$", r2.Header("ETag"));
        Assert.Equal(OssCrc64.Compute(second).ToString(System.Globalization.CultureInfo.InvariantCulture), r2.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(RawRequests.ContentMd5(second), r2.Header("Content-MD5"));
        OssStoredPart part = Assert.Single(server.GetUpload(uploadId)!.Parts);
        Assert.Equal(700, part.Size);
        Assert.Equal(r2.Header("ETag"), part.ETag);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("abc")]
    public async Task APartNumberOutOfRangeIsInvalidArgument(string partNumber)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", $"partNumber={partNumber}&uploadId={uploadId}", [1]);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidArgument", response.ErrorCode);
        Assert.Equal("0017-00000220", response.XmlValue("EC"));
    }

    [Theory]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>")]
    [InlineData("<Other/>")]
    [InlineData("<CompleteMultipartUpload></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><ETag>\"00\"</ETag></Part></CompleteMultipartUpload>")]
    public async Task ABadCompleteBodyIsMalformedXml(string xml)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1]);

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", Encoding.UTF8.GetBytes(xml));

        Assert.Equal(400, response.Status);
        Assert.Equal("MalformedXML", response.ErrorCode);
    }

    [Fact]
    public async Task CompleteAllAssemblesEveryPartAndRefusesABody()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        byte[] p1 = TestClients.RandomBytes(102_400, 1);
        byte[] p2 = TestClients.RandomBytes(10, 2);
        string e1 = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, p1);
        await RawRequests.UploadPartAsync(server, "k", uploadId, 2, p2);
        var completeAll = new Dictionary<string, string> { ["x-oss-complete-all"] = "yes" };

        RawResponse withBody = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1)), completeAll);
        Assert.Equal("InvalidArgument", withBody.ErrorCode);
        Assert.Equal("0042-00000216", withBody.XmlValue("EC"));

        RawResponse ok = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", [], completeAll);
        Assert.Equal(200, ok.Status);
        Assert.Equal(p1.Concat(p2).ToArray(), await server.ReadObjectAsync(B, "k"));
    }

    [Fact]
    public async Task ObjectSettingsAreStoredAtPutAndInitiateAndReturnedByHead()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["x-oss-storage-class"] = "ColdArchive",
            ["x-oss-server-side-encryption"] = "KMS",
            ["x-oss-server-side-encryption-key-id"] = "cmk-1",
            ["x-oss-tagging"] = "a=1&b%20c=d%26e",
            ["x-oss-object-acl"] = "public-read-write",
            ["Cache-Control"] = "no-store",
        };
        Assert.Equal(200, (await RawRequests.SendAsync(server, HttpMethod.Put, B, "put", body: [1], headers: settings)).Status);
        RawResponse initiated = await RawRequests.SendAsync(server, HttpMethod.Post, B, "multi", "uploads", headers: settings);
        string uploadId = initiated.Xml().Root!.Element("UploadId")!.Value;
        string e1 = await RawRequests.UploadPartAsync(server, "multi", uploadId, 1, [2]);
        Assert.Equal(200, (await RawRequests.SendAsync(server, HttpMethod.Post, B, "multi", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1)))).Status);

        foreach (string key in new[] { "put", "multi" })
        {
            OssStoredObject stored = server.GetObject(B, key)!;
            Assert.Equal(("ColdArchive", "KMS", "cmk-1", "public-read-write", "no-store"), (stored.StorageClass, stored.ServerSideEncryption, stored.ServerSideEncryptionKeyId, stored.ObjectAcl, stored.CacheControl));
            Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b c"] = "d&e" }, stored.Tags);
            RawResponse head = await RawRequests.SendAsync(server, HttpMethod.Head, B, key);
            Assert.Equal("ColdArchive", head.Header("x-oss-storage-class"));
            Assert.Equal("KMS", head.Header("x-oss-server-side-encryption"));
            Assert.Equal("cmk-1", head.Header("x-oss-server-side-encryption-key-id"));
            Assert.Equal("2", head.Header("x-oss-tagging-count"));
        }
    }

    [Theory]
    [InlineData("x-oss-storage-class", "Glacier")]
    [InlineData("x-oss-server-side-encryption", "aes256")]
    [InlineData("x-oss-server-side-encryption-key-id", "cmk-without-kms")]
    [InlineData("x-oss-object-acl", "Private")]
    [InlineData("x-oss-tagging", "=novalue")]
    [InlineData("x-oss-traffic-limit", "819199")]
    [InlineData("x-oss-traffic-limit", "838860801")]
    public async Task AnUnknownSettingIsInvalidArgumentAndStoresNothing(string header, string value)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        RawResponse put = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1], headers: new Dictionary<string, string> { [header] = value });

        Assert.Equal((400, "InvalidArgument"), (put.Status, put.ErrorCode));
        Assert.Null(server.GetObject(B, "k"));
    }

    [Fact]
    public async Task ForbidOverwriteIsFileAlreadyExistsOnPutInitiateAndComplete()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        var forbid = new Dictionary<string, string> { ["x-oss-forbid-overwrite"] = "true" };
        string uploadId = await RawRequests.InitiateAsync(server, "k");
        string e1 = await RawRequests.UploadPartAsync(server, "k", uploadId, 1, [1]);
        Assert.Equal(200, (await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [7], headers: forbid)).Status);

        RawResponse put = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [8], headers: forbid);
        RawResponse initiate = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", "uploads", headers: forbid);
        RawResponse complete = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1)), forbid);

        Assert.All(new[] { put, initiate, complete }, r => Assert.Equal((409, "FileAlreadyExists"), (r.Status, r.ErrorCode)));
        Assert.Equal(new byte[] { 7 }, await server.ReadObjectAsync(B, "k"));
        RawResponse overwrite = await RawRequests.SendAsync(server, HttpMethod.Post, B, "k", $"uploadId={uploadId}", RawRequests.CompleteBody((1, e1)));
        Assert.Equal(200, overwrite.Status);
        Assert.Equal(new byte[] { 1 }, await server.ReadObjectAsync(B, "k"));
    }

    [Fact]
    public async Task ListPartsPagesAndHonoursUrlEncoding()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        const string Key = "demo/gp-\f\n\v";
        RawResponse initiated = await RawRequests.SendAsync(server, HttpMethod.Post, B, Key, "uploads&encoding-type=url");
        Assert.Equal("demo%2Fgp-%0C%0A%0B", initiated.XmlValue("Key"));
        string uploadId = initiated.XmlValue("UploadId")!;
        foreach (int n in new[] { 1, 2, 4, 7 })
        {
            await RawRequests.UploadPartAsync(server, Key, uploadId, n, [(byte)n]);
        }

        RawResponse page1 = await RawRequests.SendAsync(server, HttpMethod.Get, B, Key, $"uploadId={uploadId}&max-parts=2&encoding-type=url");
        System.Xml.Linq.XElement root = page1.Xml().Root!;
        Assert.Equal("url", root.Element("EncodingType")!.Value);
        Assert.Equal("demo%2Fgp-%0C%0A%0B", root.Element("Key")!.Value);
        Assert.Equal("true", root.Element("IsTruncated")!.Value);
        Assert.Equal("2", root.Element("NextPartNumberMarker")!.Value);
        Assert.Equal(["1", "2"], root.Elements("Part").Select(p => p.Element("PartNumber")!.Value));
        Assert.Equal(OssCrc64.Compute([1]).ToString(System.Globalization.CultureInfo.InvariantCulture), root.Elements("Part").First().Element("HashCrc64ecma")!.Value);
        Assert.Equal("1", root.Elements("Part").First().Element("Size")!.Value);

        RawResponse page2 = await RawRequests.SendAsync(server, HttpMethod.Get, B, Key, $"uploadId={uploadId}&part-number-marker=2&encoding-type=url");
        root = page2.Xml().Root!;
        Assert.Equal("demo%2Fgp-%0C%0A%0B", root.Element("Key")!.Value);
        Assert.Equal("false", root.Element("IsTruncated")!.Value);
        Assert.Equal(["4", "7"], root.Elements("Part").Select(p => p.Element("PartNumber")!.Value));

        RawResponse bad = await RawRequests.SendAsync(server, HttpMethod.Get, B, Key, $"uploadId={uploadId}&max-parts=1001");
        Assert.Equal("InvalidArgument", bad.ErrorCode);
    }

    [Fact]
    public async Task ListMultipartUploadsPagesByKeyAndUploadIdWithPrefix()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        string a1 = await RawRequests.InitiateAsync(server, "a/1");
        string a2 = await RawRequests.InitiateAsync(server, "a/1");
        string b = await RawRequests.InitiateAsync(server, "a/2");
        await RawRequests.InitiateAsync(server, "z");

        RawResponse page1 = await RawRequests.SendAsync(server, HttpMethod.Get, B, null, "uploads&prefix=a%2F&max-uploads=2");
        System.Xml.Linq.XElement root = page1.Xml().Root!;
        Assert.Equal("true", root.Element("IsTruncated")!.Value);
        Assert.Equal([a1, a2], root.Elements("Upload").Select(u => u.Element("UploadId")!.Value));
        Assert.Equal("a/1", root.Element("NextKeyMarker")!.Value);
        Assert.Equal(a2, root.Element("NextUploadIdMarker")!.Value);

        RawResponse page2 = await RawRequests.SendAsync(server, HttpMethod.Get, B, null, $"uploads&prefix=a%2F&max-uploads=2&key-marker=a%2F1&upload-id-marker={a2}");
        root = page2.Xml().Root!;
        Assert.Equal("false", root.Element("IsTruncated")!.Value);
        Assert.Equal([b], root.Elements("Upload").Select(u => u.Element("UploadId")!.Value));
        Assert.Equal("a/2", root.Element("Upload")!.Element("Key")!.Value);

        RawResponse delimited = await RawRequests.SendAsync(server, HttpMethod.Get, B, null, "uploads&delimiter=%2F");
        root = delimited.Xml().Root!;
        Assert.Equal(["a/"], root.Elements("CommonPrefixes").Select(p => p.Element("Prefix")!.Value));
        Assert.Equal(["z"], root.Elements("Upload").Select(u => u.Element("Key")!.Value));
    }

    [Theory]
    [InlineData("bytes=10-19", 206, 10, 10)]
    [InlineData("bytes=90-", 206, 90, 10)]
    [InlineData("bytes=-5", 206, 95, 5)]
    [InlineData("bytes=95-1000", 206, 95, 5)]
    [InlineData("bytes=200-300", 200, 0, 100)]
    [InlineData("bytes=0-1,5-6", 200, 0, 100)]
    public async Task GetObjectHonoursASingleRange(string range, int status, int offset, int length)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        byte[] data = TestClients.RandomBytes(100, 9);
        await RawRequests.SendAsync(server, HttpMethod.Put, B, "r", body: data);

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Get, B, "r", headers: new Dictionary<string, string> { ["Range"] = range });

        Assert.Equal(status, response.Status);
        Assert.Equal(data.AsSpan(offset, length).ToArray(), response.Body);
        if (status == 206)
        {
            Assert.Equal($"bytes {offset}-{offset + length - 1}/100", response.Header("Content-Range"));
        }
    }

    [Fact]
    public async Task AnUnsatisfiableRangeWithStandardBehaviourIsInvalidRange()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await RawRequests.SendAsync(server, HttpMethod.Put, B, "r", body: new byte[10]);

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Get, B, "r", headers: new Dictionary<string, string> { ["Range"] = "bytes=20-30", ["x-oss-range-behavior"] = "standard" });

        Assert.Equal(416, response.Status);
        Assert.Equal("InvalidRange", response.ErrorCode);
    }

    [Fact]
    public async Task GetAndHeadObjectDescribeTheObject()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        byte[] data = Encoding.UTF8.GetBytes("hello ");
        await RawRequests.SendAsync(server, HttpMethod.Put, B, "h.txt", body: data, headers: new Dictionary<string, string> { ["Content-Type"] = "text/plain", ["x-oss-meta-Color"] = "blue" });

        RawResponse get = await RawRequests.SendAsync(server, HttpMethod.Get, B, "h.txt");
        RawResponse head = await RawRequests.SendAsync(server, HttpMethod.Head, B, "h.txt");

        Assert.Equal(data, get.Body);
        Assert.Empty(head.Body);
        foreach (RawResponse response in new[] { get, head })
        {
            Assert.Equal(200, response.Status);
            Assert.Equal("1796661072844795914", response.Header("x-oss-hash-crc64ecma"));
            Assert.Equal("text/plain", response.ContentType);
            Assert.Equal(6, response.ContentLength);
            Assert.Equal("Normal", response.Header("x-oss-object-type"));
            Assert.Equal("blue", response.Header("x-oss-meta-color"));
            Assert.Equal(PartHasher.Compute(data).Md5.ToETag(), response.Header("ETag"));
        }
    }

    [Fact]
    public async Task DeleteObjectRemovesItAndAnswers204EvenWhenMissing()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await RawRequests.SendAsync(server, HttpMethod.Put, B, "d", body: [1]);

        RawResponse deleted = await RawRequests.SendAsync(server, HttpMethod.Delete, B, "d");
        RawResponse again = await RawRequests.SendAsync(server, HttpMethod.Delete, B, "d");

        Assert.Equal(204, deleted.Status);
        Assert.Equal(204, again.Status);
        Assert.Null(server.GetObject(B, "d"));
    }

    [Fact]
    public async Task AnUnimplementedOperationIsNotImplemented()
    {
        await using OssTestServer server = await TestClients.StartAsync();

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", "acl", headers: new Dictionary<string, string> { ["x-oss-object-acl"] = "private" });

        Assert.Equal(501, response.Status);
        Assert.Equal("NotImplemented", response.ErrorCode);
        Assert.Equal(OssOperationKind.Unknown, server.Requests.Single().Operation);
    }

    [Fact]
    public async Task AnInvalidObjectKeyIsInvalidObjectName()
    {
        await using OssTestServer server = await TestClients.StartAsync();

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Put, B, new string('k', 1024), body: [1]);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidObjectName", response.ErrorCode);
    }

    [Fact]
    public async Task VirtualHostedStyleWorksWithABucketLocalhostHost()
    {
        await using OssTestServer server = await TestClients.StartAsync(o => o.VerifySignatures = false);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Endpoint, "/dir/v.txt")) { Content = new ByteArrayContent([5, 6]) };
        request.Headers.Host = TestClients.Bucket + ".localhost";

        using HttpResponseMessage response = await RawRequests.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(new byte[] { 5, 6 }, await server.ReadObjectAsync(B, "dir/v.txt"));
    }

    [Theory]
    [InlineData(".oss-cn-hangzhou.aliyuncs.com")]
    [InlineData(".oss-cn-shanghai-internal.aliyuncs.com:443")]
    [InlineData(".oss.aliyuncs.com")]
    public async Task VirtualHostedStyleWorksWithAnOssServiceHost(string hostSuffix)
    {
        // Official SDKs build the Host header from the region even when they connect to another endpoint.
        await using OssTestServer server = await TestClients.StartAsync(o => o.VerifySignatures = false);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Endpoint, "/dir/w.txt")) { Content = new ByteArrayContent([7, 8]) };
        request.Headers.Host = TestClients.Bucket + hostSuffix;

        using HttpResponseMessage response = await RawRequests.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(new byte[] { 7, 8 }, await server.ReadObjectAsync(B, "dir/w.txt"));
    }
}
