using System.Text.Json;
using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Upload callbacks: the server calls a loopback endpoint after storing the object.</summary>
public sealed class CallbackTests
{
    private const int P = EndToEndHarness.PartSize;

    [Theory]
    [InlineData(P / 2)]
    [InlineData((3 * P) + 5)]
    public async Task ASuccessfulCallbackReturnsItsReplyBody(int length)
    {
        const string key = "callback/ok.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        using var endpoint = new CallbackEndpoint { ReplyBody = "{\"accepted\":true,\"id\":42}" };
        string path = harness.CreateFile(length, seed: length);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key, callback: new OssUploadCallback
        {
            CallbackUrl = endpoint.Url.ToString(),
            CallbackBody = "{\"bucket\":${bucket},\"object\":${object},\"size\":${size},\"user\":${x:user}}",
            CallbackBodyType = OssCallbackBodyType.Json,
            CustomVariables = new Dictionary<string, string> { ["x:user"] = "alice" },
        }));

        Assert.Equal("{\"accepted\":true,\"id\":42}", result.CallbackResponseBody);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        using JsonDocument sent = JsonDocument.Parse(Assert.Single(endpoint.Bodies));
        Assert.Equal(EndToEndHarness.Bucket, sent.RootElement.GetProperty("bucket").GetString());
        Assert.Equal(key, sent.RootElement.GetProperty("object").GetString());
        Assert.Equal(length, sent.RootElement.GetProperty("size").GetInt64());
        Assert.Equal("alice", sent.RootElement.GetProperty("user").GetString());
    }

    [Theory]
    [InlineData(P / 2)]
    [InlineData((3 * P) + 5)]
    public async Task AFailedCallbackThrowsCallbackFailedButTheObjectIsStored(int length)
    {
        const string key = "callback/failed.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        using var endpoint = new CallbackEndpoint { ReplyStatus = 500, ReplyBody = "{\"error\":\"boom\"}" };
        string path = harness.CreateFile(length, seed: length + 1);

        OssServiceException error = await Assert.ThrowsAsync<OssServiceException>(
            () => harness.CreateClient().ResumableUploadAsync(harness.Request(path, key, callback: new OssUploadCallback
            {
                CallbackUrl = endpoint.Url.ToString(),
                CallbackBody = "object=${object}&size=${size}",
            })));

        Assert.Equal("CallbackFailed", error.ErrorCode);
        Assert.Equal(203, error.StatusCode);
        Assert.NotNull(error.RequestId);
        Assert.Single(endpoint.Bodies);

        // The object is there, and nothing is left to resume.
        OssStoredObject stored = Assert.IsType<OssStoredObject>(harness.Server.GetObject(EndToEndHarness.Bucket, key));
        Assert.Equal(EndToEndHarness.Crc64(File.ReadAllBytes(path)), stored.HashCrc64Ecma);
        Assert.Empty(harness.Server.GetUploads());
        Assert.Empty(harness.CheckpointFiles());
    }
}
