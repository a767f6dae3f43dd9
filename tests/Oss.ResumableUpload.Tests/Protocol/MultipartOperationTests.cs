using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Oss.ResumableUpload.Tests.Infrastructure;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Oss.ResumableUpload.Tests.Protocol;

/// <summary>Each primitive against WireMock: the request's shape on the wire and the parsing of the reply.</summary>
public sealed class MultipartOperationTests : IDisposable
{
    private readonly WireMockOss _oss = new();

    public void Dispose() => _oss.Dispose();

    [Fact]
    public async Task Initiate_sends_signed_post_with_headers_and_parses_namespaced_reply()
    {
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/dir/movie.mp4").UsingPost().WithParam("uploads"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-oss-request-id", "RID-INIT")
                .WithBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult xmlns=\"http://doc.oss-cn-hangzhou.aliyuncs.com\"><Bucket>test-bucket</Bucket><Key>dir%2Fmovie.mp4</Key><UploadId>0004B9894A22E5B1888A1E29F823****</UploadId><EncodingType>url</EncodingType></InitiateMultipartUploadResult>"));

        InitiateMultipartUploadResult result = await _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = WireMockOss.Bucket,
            ObjectKey = "dir/movie.mp4",
            ContentType = "video/mp4",
            Metadata = new Dictionary<string, string> { ["Author"] = "alice" },
            StorageClass = "IA",
            ServerSideEncryption = "AES256",
            ForbidOverwrite = true,
            Tags = new Dictionary<string, string> { ["a b"] = "c&d" },
        });

        Assert.Equal("0004B9894A22E5B1888A1E29F823****", result.UploadId);
        Assert.Equal("dir/movie.mp4", result.ObjectKey);
        Assert.Equal("RID-INIT", result.RequestId);

        var request = Single().RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Contains("uploads", request.Query!.Keys);
        Assert.Equal("url", request.Query["encoding-type"].ToString());
        string authorization = request.Headers!["Authorization"].ToString();
        Assert.Matches(@"^OSS4-HMAC-SHA256 Credential=LTAI-test-id/\d{8}/cn-hangzhou/oss/aliyun_v4_request,Signature=[0-9a-f]{64}$", authorization);
        Assert.Equal("UNSIGNED-PAYLOAD", request.Headers["x-oss-content-sha256"].ToString());
        Assert.Matches(@"^\d{8}T\d{6}Z$", request.Headers["x-oss-date"].ToString());
        Assert.Equal("video/mp4", request.Headers["Content-Type"].ToString());
        Assert.Equal("alice", request.Headers["x-oss-meta-author"].ToString());
        Assert.Equal("IA", request.Headers["x-oss-storage-class"].ToString());
        Assert.Equal("AES256", request.Headers["x-oss-server-side-encryption"].ToString());
        Assert.Equal("true", request.Headers["x-oss-forbid-overwrite"].ToString());
        Assert.Equal("a%20b=c%26d", request.Headers["x-oss-tagging"].ToString());
    }

    [Fact]
    public async Task Initiate_with_v1_uses_oss_authorization_scheme()
    {
        using var v1 = new WireMockOss(OssSignatureVersion.V1);
        v1.Server.Given(Request.Create().WithPath("/test-bucket/k").UsingPost())
            .RespondWith(Response.Create().WithBody("<InitiateMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U1</UploadId></InitiateMultipartUploadResult>"));

        InitiateMultipartUploadResult result = await v1.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });

        Assert.Equal("U1", result.UploadId);
        var request = v1.Server.LogEntries.Single().RequestMessage;
        Assert.Matches(@"^OSS LTAI-test-id:[A-Za-z0-9+/]{27}=$", request.Headers!["Authorization"].ToString());
        Assert.False(request.Headers.ContainsKey("x-oss-content-sha256"));
        Assert.True(request.Headers.ContainsKey("Date"));
    }

    [Fact]
    public async Task UploadPart_sends_body_with_content_md5_and_returns_etag_and_crc()
    {
        byte[] body = RandomBytes(300_000);
        string md5 = Convert.ToBase64String(MD5.HashData(body));
        string etag = "\"" + Convert.ToHexString(MD5.HashData(body)) + "\"";
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/k").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", etag).WithHeader("x-oss-hash-crc64ecma", "12066172435287683848").WithHeader("x-oss-request-id", "RID-P"));

        using var stream = new MemoryStream(body);
        UploadPartResult result = await _oss.Client.UploadPartAsync(new UploadPartRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "UP/1*", PartNumber = 7, Content = stream });

        Assert.Equal(7, result.PartNumber);
        Assert.Equal(etag, result.ETag);
        Assert.Equal(12066172435287683848UL, result.HashCrc64Ecma);
        Assert.Equal("RID-P", result.RequestId);
        var request = Single().RequestMessage;
        Assert.Equal(md5, request.Headers!["Content-MD5"].ToString());
        Assert.Equal("300000", request.Headers["Content-Length"].ToString());
        Assert.Equal(body, request.BodyAsBytes);
        Assert.Contains("partNumber=7&uploadId=UP%2F1%2A", request.AbsoluteUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadPart_reads_a_file_range_from_the_stream_position()
    {
        byte[] file = RandomBytes(200_000);
        byte[] slice = file.AsSpan(50_000, 120_000).ToArray();
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/k").UsingPut())
            .RespondWith(Response.Create().WithHeader("ETag", "\"" + Convert.ToHexString(MD5.HashData(slice)) + "\""));

        using var stream = new MemoryStream(file) { Position = 50_000 };
        await _oss.Client.UploadPartAsync(new UploadPartRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", PartNumber = 1, Content = stream, ContentLength = 120_000 });

        Assert.Equal(slice, Single().RequestMessage.BodyAsBytes);
    }

    [Fact]
    public async Task UploadPart_with_etag_that_is_not_the_md5_throws_checksum_mismatch()
    {
        _oss.Server.Given(Request.Create().UsingPut())
            .RespondWith(Response.Create().WithHeader("ETag", "\"00000000000000000000000000000000\"").WithHeader("x-oss-request-id", "RID-X"));

        var ex = await Assert.ThrowsAsync<OssClientException>(() => _oss.Client.UploadPartAsync(new UploadPartRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", PartNumber = 1, Content = new MemoryStream(RandomBytes(10)) }));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, ex.ErrorCode);
        Assert.Contains("RID-X", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadPart_from_non_seekable_stream_is_buffered_and_retried_with_same_bytes()
    {
        byte[] body = RandomBytes(150_000);
        string etag = "\"" + Convert.ToHexString(MD5.HashData(body)) + "\"";
        _oss.Server.Given(Request.Create().UsingPut()).InScenario("nonseek").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody(WireMockOss.ErrorXml("InternalError")));
        _oss.Server.Given(Request.Create().UsingPut()).InScenario("nonseek").WhenStateIs("ok")
            .RespondWith(Response.Create().WithHeader("ETag", etag));

        await _oss.Client.UploadPartAsync(new UploadPartRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", PartNumber = 1, Content = new NonSeekableStream(body) });

        ILogEntry[] entries = _oss.Server.LogEntries.ToArray();
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e => Assert.Equal(body, e.RequestMessage.BodyAsBytes));
    }

    [Fact]
    public async Task ListParts_parses_parts_and_paging_markers()
    {
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/k").UsingGet())
            .RespondWith(Response.Create().WithBody(
                "<ListPartsResult><EncodingType>url</EncodingType><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U</UploadId><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>2</MaxParts><IsTruncated>true</IsTruncated>" +
                "<Part><PartNumber>1</PartNumber><LastModified>2023-11-22T05:42:34.000Z</LastModified><ETag>\"CF3F46D505093571E916FCDD49670001\"</ETag><HashCrc64ecma>12066172435287683848</HashCrc64ecma><Size>102400</Size></Part>" +
                "<Part><PartNumber>2</PartNumber><LastModified>2023-11-22T05:42:35.000Z</LastModified><ETag>\"CF3F46D505093571E916FCDD49670002\"</ETag><Size>96316</Size></Part></ListPartsResult>"));

        ListPartsResult result = await _oss.Client.ListPartsAsync(new ListPartsRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", MaxParts = 2, PartNumberMarker = 0 });

        Assert.True(result.IsTruncated);
        Assert.Equal(2, result.NextPartNumberMarker);
        Assert.Equal(2, result.Parts.Count);
        Assert.Equal(102400, result.Parts[0].Size);
        Assert.Equal(12066172435287683848UL, result.Parts[0].HashCrc64Ecma);
        Assert.Null(result.Parts[1].HashCrc64Ecma);
        Assert.Equal(new DateTimeOffset(2023, 11, 22, 5, 42, 35, TimeSpan.Zero), result.Parts[1].LastModified);
        var query = Single().RequestMessage.Query!;
        Assert.Equal("U", query["uploadId"].ToString());
        Assert.Equal("2", query["max-parts"].ToString());
        Assert.Equal("0", query["part-number-marker"].ToString());
    }

    [Fact]
    public async Task ListAllParts_follows_every_page()
    {
        for (int page = 0; page < 3; page++)
        {
            int first = (page * 2) + 1;
            bool last = page == 2;
            var request = Request.Create().WithPath("/test-bucket/k").UsingGet();
            request = page == 0 ? request.WithParam(q => !q.ContainsKey("part-number-marker")) : request.WithParam("part-number-marker", (first - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            _oss.Server.Given(request).RespondWith(Response.Create().WithBody(
                $"<ListPartsResult><NextPartNumberMarker>{first + 1}</NextPartNumberMarker><IsTruncated>{(last ? "false" : "true")}</IsTruncated>" +
                $"<Part><PartNumber>{first}</PartNumber><ETag>\"E{first}\"</ETag><Size>102400</Size></Part><Part><PartNumber>{first + 1}</PartNumber><ETag>\"E{first + 1}\"</ETag><Size>102400</Size></Part></ListPartsResult>"));
        }

        var numbers = new List<int>();
        await foreach (OssPartInfo part in _oss.Client.ListAllPartsAsync(WireMockOss.Bucket, "k", "U"))
        {
            numbers.Add(part.PartNumber);
        }

        Assert.Equal([1, 2, 3, 4, 5, 6], numbers);
        Assert.Equal(3, _oss.Server.LogEntries.Count());
    }

    [Fact]
    public async Task Complete_sends_sorted_parts_with_body_md5_and_parses_crc()
    {
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/k").UsingPost())
            .RespondWith(Response.Create().WithHeader("x-oss-hash-crc64ecma", "1796661072844795914").WithHeader("x-oss-request-id", "RID-C")
                .WithBody("<CompleteMultipartUploadResult><EncodingType>url</EncodingType><Location>http://x/k</Location><Bucket>test-bucket</Bucket><Key>k</Key><ETag>\"097DE458AD02B5F89F9D0530231876AB-3\"</ETag></CompleteMultipartUploadResult>"));

        CompleteMultipartUploadResult result = await _oss.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = WireMockOss.Bucket,
            ObjectKey = "k",
            UploadId = "U",
            Parts = [new PartETag(3, "\"C\""), new PartETag(1, "\"A\""), new PartETag(2, "\"B\"")],
        });

        Assert.Equal("\"097DE458AD02B5F89F9D0530231876AB-3\"", result.ETag);
        Assert.Equal(1796661072844795914UL, result.HashCrc64Ecma);
        Assert.Equal("RID-C", result.RequestId);
        var request = Single().RequestMessage;
        byte[] sent = request.BodyAsBytes!;
        string xml = Encoding.UTF8.GetString(sent);
        Assert.True(xml.IndexOf("<PartNumber>1</PartNumber>", StringComparison.Ordinal) < xml.IndexOf("<PartNumber>2</PartNumber>", StringComparison.Ordinal));
        Assert.True(xml.IndexOf("<PartNumber>2</PartNumber>", StringComparison.Ordinal) < xml.IndexOf("<PartNumber>3</PartNumber>", StringComparison.Ordinal));
        Assert.Contains("<ETag>&quot;A&quot;</ETag>", xml, StringComparison.Ordinal);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(sent)), request.Headers!["Content-MD5"].ToString());
        Assert.Equal("U", request.Query!["uploadId"].ToString());
    }

    [Fact]
    public async Task Complete_with_callback_sends_encoded_headers_and_returns_callback_body()
    {
        _oss.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithHeader("ETag", "\"E-1\"").WithHeader("x-oss-hash-crc64ecma", "5").WithBody("{\"Status\":\"OK\"}"));

        CompleteMultipartUploadResult result = await _oss.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = WireMockOss.Bucket,
            ObjectKey = "k",
            UploadId = "U",
            Parts = [new PartETag(1, "\"A\"")],
            Callback = new OssUploadCallback
            {
                CallbackUrl = "http://127.0.0.1:9/cb",
                CallbackBody = "bucket=${bucket}&object=${object}&v=${x:var1}",
                CallbackHost = "example.com",
                CallbackBodyType = OssCallbackBodyType.Json,
                CustomVariables = new Dictionary<string, string> { ["x:var1"] = "value1" },
            },
        });

        Assert.Equal("{\"Status\":\"OK\"}", result.CallbackResponseBody);
        Assert.Equal("\"E-1\"", result.ETag);
        var headers = Single().RequestMessage.Headers!;
        using JsonDocument callback = JsonDocument.Parse(Convert.FromBase64String(headers["x-oss-callback"].ToString()));
        Assert.Equal("http://127.0.0.1:9/cb", callback.RootElement.GetProperty("callbackUrl").GetString());
        Assert.Equal("bucket=${bucket}&object=${object}&v=${x:var1}", callback.RootElement.GetProperty("callbackBody").GetString());
        Assert.Equal("example.com", callback.RootElement.GetProperty("callbackHost").GetString());
        Assert.Equal("application/json", callback.RootElement.GetProperty("callbackBodyType").GetString());
        using JsonDocument variables = JsonDocument.Parse(Convert.FromBase64String(headers["x-oss-callback-var"].ToString()));
        Assert.Equal("value1", variables.RootElement.GetProperty("x:var1").GetString());
    }

    [Fact]
    public async Task Complete_with_callback_answered_203_throws_callback_failed_saying_object_exists()
    {
        _oss.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(203).WithHeader("x-oss-request-id", "RID-203").WithBody(WireMockOss.ErrorXml("CallbackFailed", "Error status : 301.", "RID-203", "0007-00000203")));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => _oss.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = WireMockOss.Bucket,
            ObjectKey = "k",
            UploadId = "U",
            Parts = [new PartETag(1, "\"A\"")],
            Callback = new OssUploadCallback { CallbackUrl = "http://127.0.0.1:9/cb", CallbackBody = "a=b" },
        }));

        Assert.Equal(203, ex.StatusCode);
        Assert.Equal("CallbackFailed", ex.ErrorCode);
        Assert.Equal("0007-00000203", ex.Ec);
        Assert.Contains("object was stored", ex.Message, StringComparison.Ordinal);
        Assert.Single(_oss.Server.LogEntries);
    }

    [Fact]
    public async Task Complete_all_sends_header_and_no_body()
    {
        _oss.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithBody("<CompleteMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><ETag>\"E-2\"</ETag></CompleteMultipartUploadResult>"));

        await _oss.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", Parts = [], CompleteAll = true });

        var request = Single().RequestMessage;
        Assert.Equal("yes", request.Headers!["x-oss-complete-all"].ToString());
        Assert.True(request.BodyAsBytes is null || request.BodyAsBytes.Length == 0);
    }

    [Fact]
    public async Task Abort_sends_delete_with_upload_id()
    {
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/k").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        await _oss.Client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U" });

        var request = Single().RequestMessage;
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("U", request.Query!["uploadId"].ToString());
    }

    [Fact]
    public async Task ListMultipartUploads_decodes_url_encoded_keys_and_markers()
    {
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/").UsingGet())
            .RespondWith(Response.Create().WithBody(
                "<ListMultipartUploadsResult><EncodingType>url</EncodingType><Bucket>test-bucket</Bucket><NextKeyMarker>demo%2Fgp-%0C%0A%0B</NextKeyMarker><NextUploadIdMarker>U2</NextUploadIdMarker><IsTruncated>true</IsTruncated>" +
                "<Upload><Key>demo%2Fgp-%0C%0A%0B</Key><UploadId>U2</UploadId><Initiated>2012-02-23T04:18:23.000Z</Initiated></Upload></ListMultipartUploadsResult>"));

        ListMultipartUploadsResult result = await _oss.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = WireMockOss.Bucket, Prefix = "demo/", MaxUploads = 1, KeyMarker = "a", UploadIdMarker = "b" });

        Assert.True(result.IsTruncated);
        Assert.Equal("demo/gp-\f\n\v", result.Uploads.Single().ObjectKey);
        Assert.Equal("demo/gp-\f\n\v", result.NextKeyMarker);
        Assert.Equal("U2", result.NextUploadIdMarker);
        Assert.Equal(new DateTimeOffset(2012, 2, 23, 4, 18, 23, TimeSpan.Zero), result.Uploads[0].Initiated);
        var query = Single().RequestMessage.Query!;
        Assert.Contains("uploads", query.Keys);
        Assert.Equal("demo/", query["prefix"].ToString());
        Assert.Equal("1", query["max-uploads"].ToString());
    }

    [Fact]
    public async Task PutObject_and_HeadObject_round_trip_headers()
    {
        byte[] body = RandomBytes(1000);
        string etag = "\"" + Convert.ToHexString(MD5.HashData(body)) + "\"";
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/a.txt").UsingPut()).RespondWith(Response.Create().WithHeader("ETag", etag).WithHeader("x-oss-hash-crc64ecma", "42"));
        _oss.Server.Given(Request.Create().WithPath("/test-bucket/a.txt").UsingHead()).RespondWith(Response.Create()
            .WithHeader("ETag", etag).WithHeader("x-oss-hash-crc64ecma", "42").WithHeader("Content-Length", "1000").WithHeader("x-oss-meta-color", "blue").WithHeader("Content-Type", "text/plain"));

        PutObjectResult put = await _oss.Client.PutObjectAsync(new PutObjectRequest { BucketName = WireMockOss.Bucket, ObjectKey = "a.txt", Content = new MemoryStream(body), ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["color"] = "blue" } });
        HeadObjectResult head = await _oss.Client.HeadObjectAsync(new HeadObjectRequest { BucketName = WireMockOss.Bucket, ObjectKey = "a.txt" });

        Assert.Equal(etag, put.ETag);
        Assert.Equal(42UL, put.HashCrc64Ecma);
        Assert.Equal(1000, head.ContentLength);
        Assert.Equal("blue", head.Metadata["color"]);
        var putRequest = _oss.Server.LogEntries.First().RequestMessage;
        Assert.Equal(Convert.ToBase64String(MD5.HashData(body)), putRequest.Headers!["Content-MD5"].ToString());
        Assert.Equal("text/plain", putRequest.Headers["Content-Type"].ToString());
    }

    [Fact]
    public async Task HeadObject_error_without_body_reads_x_oss_err_header()
    {
        string xml = WireMockOss.ErrorXml("NoSuchKey", "The specified key does not exist.", "RID-H", "0026-00000001");
        _oss.Server.Given(Request.Create().UsingHead()).RespondWith(Response.Create().WithStatusCode(404)
            .WithHeader("x-oss-err", Convert.ToBase64String(Encoding.UTF8.GetBytes(xml))).WithHeader("x-oss-request-id", "RID-H").WithHeader("x-oss-ec", "0026-00000001"));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => _oss.Client.HeadObjectAsync(new HeadObjectRequest { BucketName = WireMockOss.Bucket, ObjectKey = "missing" }));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NoSuchKey", ex.ErrorCode);
        Assert.Equal("RID-H", ex.RequestId);
        Assert.Equal("0026-00000001", ex.Ec);
    }

    [Theory]
    [InlineData("dir/中文 file.txt", "/test-bucket/dir/%E4%B8%AD%E6%96%87%20file.txt")]
    [InlineData("a+b%c", "/test-bucket/a%2Bb%25c")]
    [InlineData("q?x#y~z", "/test-bucket/q%3Fx%23y~z")]
    [InlineData("double//slash", "/test-bucket/double//slash")]
    [InlineData("a/./b.bin", "/test-bucket/a/./b.bin")]
    [InlineData("a/../b.bin", "/test-bucket/a/../b.bin")]
    [InlineData("./x", "/test-bucket/./x")]
    public async Task Object_keys_are_escaped_on_the_wire(string key, string expectedPath)
    {
        // A raw socket sees the request line exactly as it was sent, with no decoding by a mock framework.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        Task<string> requestLine = Task.Run(async () =>
        {
            using System.Net.Sockets.TcpClient connection = await listener.AcceptTcpClientAsync();
            using var stream = connection.GetStream();
            var received = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
            return received.ToString().Split("\r\n")[0];
        });
        using var client = new OssClient(new OssClientOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}"),
            Region = "cn-hangzhou",
            Credentials = new StaticCredentialsProvider("id", "secret"),
        });

        await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = key, UploadId = "U" });

        Assert.Equal($"DELETE {expectedPath}?uploadId=U HTTP/1.1", await requestLine);
    }

    [Fact]
    public async Task Arguments_are_validated_before_any_request()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _oss.Client.UploadPartAsync(new UploadPartRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", PartNumber = 10_001, Content = new MemoryStream() }));
        await Assert.ThrowsAsync<ArgumentException>(() => _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "Bad_Bucket", ObjectKey = "k" }));
        await Assert.ThrowsAsync<ArgumentException>(() => _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "/leading" }));
        await Assert.ThrowsAsync<ArgumentException>(() => _oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = new string('k', 1024) }));
        await Assert.ThrowsAsync<ArgumentException>(() => _oss.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", Parts = [new PartETag(1, "\"a\""), new PartETag(1, "\"b\"")] }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _oss.Client.ListPartsAsync(null!));
        Assert.Empty(_oss.Server.LogEntries);
    }

    private ILogEntry Single() => Assert.Single(_oss.Server.LogEntries);

    internal static byte[] RandomBytes(int count)
    {
        byte[] data = new byte[count];
        new Random(count).NextBytes(data);
        return data;
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Length => throw new NotSupportedException();
    }
}
