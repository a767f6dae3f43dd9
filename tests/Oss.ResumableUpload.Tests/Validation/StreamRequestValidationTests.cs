using Oss.ResumableUpload.Tests.EndToEnd;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>The choice between UploadFilePath and UploadStream, and the stream rules, refused before any request.</summary>
public sealed class StreamRequestValidationTests
{
    private static readonly OssClient s_client = new(new OssClientOptions
    {
        Endpoint = new Uri("http://127.0.0.1:9"),
        Region = "cn-hangzhou",
        Credentials = new StaticCredentialsProvider("id", "secret"),
    });

    [Fact]
    public async Task BothAFileAndAStreamAreRefused()
    {
        string path = Path.GetTempFileName();
        try
        {
            ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => s_client.ResumableUploadAsync(new ResumableUploadRequest
            {
                BucketName = "bucket",
                ObjectKey = "key",
                UploadFilePath = path,
                UploadStream = new MemoryStream([1, 2, 3]),
            }));
            Assert.Contains("only one", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task NeitherAFileNorAStreamIsRefused()
    {
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => s_client.ResumableUploadAsync(new ResumableUploadRequest { BucketName = "bucket", ObjectKey = "key" }));
        Assert.Contains("no source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepForResumeWithANonSeekableStreamIsRefused()
    {
        var request = new ResumableUploadRequest
        {
            BucketName = "bucket",
            ObjectKey = "key",
            UploadStream = new NonSeekableStream([1, 2, 3]),
            CancelBehavior = UploadCancelBehavior.KeepForResume,
        };

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => s_client.ResumableUploadAsync(request));
        Assert.Contains("KeepForResume", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableStreamAnEmptyIdentityAndAnIdentityWithoutAStreamAreRefused()
    {
        var unreadable = new MemoryStream([1]);
        unreadable.Dispose();
        await Assert.ThrowsAsync<ArgumentException>(() => s_client.ResumableUploadAsync(new ResumableUploadRequest { BucketName = "bucket", ObjectKey = "key", UploadStream = unreadable }));
        await Assert.ThrowsAsync<ArgumentException>(() => s_client.ResumableUploadAsync(new ResumableUploadRequest { BucketName = "bucket", ObjectKey = "key", UploadStream = new MemoryStream([1]), UploadStreamIdentity = string.Empty }));

        string path = Path.GetTempFileName();
        try
        {
            await Assert.ThrowsAsync<ArgumentException>(() => s_client.ResumableUploadAsync(new ResumableUploadRequest { BucketName = "bucket", ObjectKey = "key", UploadFilePath = path, UploadStreamIdentity = "v1" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AnIdentityWithoutACheckpointStoreIsFine()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content(3 * EndToEndHarness.PartSize, seed: 92);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamSourceTests.StreamRequest(new MemoryStream(content), "streams/identity.bin", identity: "v1"));

        await harness.AssertStoredAsync("streams/identity.bin", content, result);
    }
}
