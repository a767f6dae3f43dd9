using System.Text;
using System.Text.Json;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>Upload callbacks on PutObject and CompleteMultipartUpload.</summary>
public sealed class CallbackTests
{
    private const string B = TestClients.Bucket;

    [Fact]
    public async Task PutObjectCallsBackWithSubstitutedVariablesAndRelaysTheReply()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await using CallbackReceiver receiver = await CallbackReceiver.StartAsync();
        receiver.ReplyBody = "{\"accepted\":true}";
        using OssClient client = TestClients.CreateClient(server);
        byte[] data = TestClients.RandomBytes(123, 1);

        PutObjectResult result = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = B,
            ObjectKey = "photos/a b.jpg",
            Content = new MemoryStream(data),
            ContentType = "image/jpeg",
            Callback = new OssUploadCallback
            {
                CallbackUrl = receiver.Url.ToString(),
                CallbackBody = "bucket=${bucket}&object=${object}&etag=${etag}&size=${size}&mimeType=${mimeType}&my_var=${x:my_var}&h=${imageInfo.height}",
                CallbackHost = "callback.example",
                CustomVariables = new Dictionary<string, string> { ["x:my_var"] = "v 1&2" },
            },
        });

        Assert.Equal("{\"accepted\":true}", result.CallbackResponseBody);
        Assert.Equal(PartHasher.Compute(data).Md5.ToETag(), result.ETag);
        ReceivedCallback callback = Assert.Single(receiver.Received);
        Assert.Equal("POST", callback.Method);
        Assert.Equal("application/x-www-form-urlencoded", callback.ContentType);
        Assert.Equal("callback.example", callback.Host);
        string etag = PartHasher.Compute(data).Md5.ToETag().Trim('"');
        Assert.Equal($"bucket={B}&object=photos%2Fa+b.jpg&etag={etag}&size=123&mimeType=image%2Fjpeg&my_var=v+1%262&h=", callback.Body);
    }

    [Fact]
    public async Task CompleteCallsBackWithAJsonBodyAndTheWholeObjectSize()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await using CallbackReceiver receiver = await CallbackReceiver.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = B, ObjectKey = "k\"q", ContentType = "video/mp4" })).UploadId;
        UploadPartResult p1 = await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k\"q", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(new byte[102_400]) });
        UploadPartResult p2 = await client.UploadPartAsync(new UploadPartRequest { BucketName = B, ObjectKey = "k\"q", UploadId = uploadId, PartNumber = 2, Content = new MemoryStream(new byte[5]) });

        CompleteMultipartUploadResult result = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = B,
            ObjectKey = "k\"q",
            UploadId = uploadId,
            Parts = [new(1, p1.ETag), new(2, p2.ETag)],
            Callback = new OssUploadCallback
            {
                CallbackUrl = receiver.Url.ToString(),
                CallbackBody = "{\"object\":${object},\"size\":${size},\"mime\":${mimeType},\"etag\":${etag}}",
                CallbackBodyType = OssCallbackBodyType.Json,
            },
        });

        Assert.Equal("{\"Status\":\"OK\"}", result.CallbackResponseBody);
        Assert.Equal(server.GetObject(B, "k\"q")!.ETag, result.ETag);
        Assert.Equal(server.GetObject(B, "k\"q")!.HashCrc64Ecma, result.HashCrc64Ecma);
        ReceivedCallback callback = Assert.Single(receiver.Received);
        Assert.Equal("application/json", callback.ContentType);
        using JsonDocument json = JsonDocument.Parse(callback.Body);
        Assert.Equal("k\"q", json.RootElement.GetProperty("object").GetString());
        Assert.Equal(102_405, json.RootElement.GetProperty("size").GetInt64());
        Assert.Equal("video/mp4", json.RootElement.GetProperty("mime").GetString());
        Assert.EndsWith("-2", json.RootElement.GetProperty("etag").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonCallbackBodyGetsTheDocumentedExampleWithQuotedStringsAndABareSize()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await using CallbackReceiver receiver = await CallbackReceiver.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        byte[] data = TestClients.RandomBytes(4321, 7);

        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = B,
            ObjectKey = "photo.jpg",
            Content = new MemoryStream(data),
            ContentType = "image/jpeg",
            Callback = new OssUploadCallback
            {
                CallbackUrl = receiver.Url.ToString(),
                CallbackBody = "{\"mimeType\":${mimeType},\"size\":${size}}",
                CallbackBodyType = OssCallbackBodyType.Json,
            },
        });

        ReceivedCallback callback = Assert.Single(receiver.Received);
        Assert.Equal("application/json", callback.ContentType);
        Assert.Equal("{\"mimeType\":\"image/jpeg\",\"size\":" + data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", callback.Body);
    }

    [Fact]
    public async Task AJsonCallbackBodyQuotesAndEscapesStringsAndCustomVariables()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await using CallbackReceiver receiver = await CallbackReceiver.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        const string key = "dir/\"quoted\" \\ back\tslash.bin";
        const string custom = "say \"hi\"\n\\ & <b> 中文";

        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = B,
            ObjectKey = key,
            Content = new MemoryStream([1, 2, 3]),
            Callback = new OssUploadCallback
            {
                CallbackUrl = receiver.Url.ToString(),
                CallbackBody = "{\"bucket\":${bucket},\"object\":${object},\"size\":${size},\"etag\":${etag},\"height\":${imageInfo.height},\"v\":${x:v},\"n\":${x:n}}",
                CallbackBodyType = OssCallbackBodyType.Json,
                CustomVariables = new Dictionary<string, string> { ["x:v"] = custom, ["x:n"] = "42" },
            },
        });

        string body = Assert.Single(receiver.Received).Body;
        Assert.StartsWith("{\"bucket\":\"" + B + "\",", body, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement root = json.RootElement;
        Assert.Equal(B, root.GetProperty("bucket").GetString());
        Assert.Equal(key, root.GetProperty("object").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("size").ValueKind);
        Assert.Equal(3, root.GetProperty("size").GetInt64());
        Assert.Equal(server.GetObject(B, key)!.ETag.Trim('"'), root.GetProperty("etag").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("height").ValueKind);
        Assert.Equal(custom, root.GetProperty("v").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("n").ValueKind);
        Assert.Equal("42", root.GetProperty("n").GetString());
    }

    [Theory]
    [InlineData(500, "{\"a\":1}", "Error status : 500.")]
    [InlineData(200, "not json", "Response body is not valid json format.")]
    public async Task AFailedCallbackIs203CallbackFailedAndTheObjectIsKept(int status, string reply, string message)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await using CallbackReceiver receiver = await CallbackReceiver.StartAsync();
        receiver.ReplyStatus = status;
        receiver.ReplyBody = reply;
        using OssClient client = TestClients.CreateClient(server);

        OssServiceException ex = await Assert.ThrowsAsync<OssServiceException>(() => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = B,
            ObjectKey = "k",
            Content = new MemoryStream([1, 2, 3]),
            Callback = new OssUploadCallback { CallbackUrl = receiver.Url.ToString(), CallbackBody = "o=${object}" },
        }));

        Assert.Equal(203, ex.StatusCode);
        Assert.Equal("CallbackFailed", ex.ErrorCode);
        Assert.Equal("0007-00000203", ex.Ec);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 1, 2, 3 }, await server.ReadObjectAsync(B, "k"));
        Assert.Equal((203, "CallbackFailed"), (server.Requests.Single().StatusCode, server.Requests.Single().ErrorCode));
    }

    [Fact]
    public async Task TheNextCallbackUrlIsTriedWhenTheFirstFails()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        await using CallbackReceiver failing = await CallbackReceiver.StartAsync();
        await using CallbackReceiver working = await CallbackReceiver.StartAsync();
        failing.ReplyStatus = 503;
        using OssClient client = TestClients.CreateClient(server);

        PutObjectResult result = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = B,
            ObjectKey = "k",
            Content = new MemoryStream([1]),
            Callback = new OssUploadCallback { CallbackUrl = failing.Url + ";" + working.Url, CallbackBody = "o=${object}" },
        });

        Assert.Equal("{\"Status\":\"OK\"}", result.CallbackResponseBody);
        Assert.Single(failing.Received);
        Assert.Single(working.Received);
    }

    [Theory]
    [InlineData("{\"callbackUrl\":\"http://www.aliyun.com\",\"callbackBody\":\"a=1\"}")]
    [InlineData("{\"callbackUrl\":\"http://127.0.0.1:1/cb\"}")]
    [InlineData("{\"callbackUrl\":\"ftp://127.0.0.1/cb\",\"callbackBody\":\"a=1\"}")]
    [InlineData("{\"callbackUrl\":\"http://127.0.0.1:1/cb\",\"callbackBody\":\"a=1\",\"callbackBodyType\":\"text/plain\"}")]
    [InlineData("not json")]
    public async Task InvalidCallbackParametersAreInvalidArgumentAndNothingIsStored(string callbackJson)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        var headers = new Dictionary<string, string> { ["x-oss-callback"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(callbackJson)) };

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1], headers: headers);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidArgument", response.ErrorCode);
        Assert.Null(server.GetObject(B, "k"));
    }

    [Fact]
    public async Task ACallbackNotInBase64IsInvalidArgument()
    {
        await using OssTestServer server = await TestClients.StartAsync();

        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1], headers: new Dictionary<string, string> { ["x-oss-callback"] = "%%%" });

        Assert.Equal("InvalidArgument", response.ErrorCode);
    }

    [Fact]
    public async Task AnUnreachableCallbackIsCallbackFailed()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        Uri closed;
        await using (CallbackReceiver gone = await CallbackReceiver.StartAsync())
        {
            closed = gone.Url;
        }

        var headers = new Dictionary<string, string> { ["x-oss-callback"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"callbackUrl\":\"{closed}\",\"callbackBody\":\"a=1\"}}")) };
        RawResponse response = await RawRequests.SendAsync(server, HttpMethod.Put, B, "k", body: [1], headers: headers);

        Assert.Equal(203, response.Status);
        Assert.Equal("CallbackFailed", response.ErrorCode);
        Assert.NotNull(server.GetObject(B, "k"));
    }
}
