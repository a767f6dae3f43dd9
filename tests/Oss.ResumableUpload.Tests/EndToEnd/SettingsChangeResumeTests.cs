using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// Object settings are applied at Initiate, so a resume must not reuse an upload initiated with other settings: the
/// old upload is superseded (aborted) and the object is stored with the settings of the call that completes it.
/// </summary>
public sealed class SettingsChangeResumeTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task AResumeWithOtherSettingsStartsAfreshAndStoresTheNewSettings()
    {
        const string key = "settings/changed.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 71);
        string oldUploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 3);
        Assert.NotNull(harness.Server.GetUpload(oldUploadId));

        ResumableUploadRequest request = harness.Request(path, key);
        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            UploadFilePath = request.UploadFilePath,
            PartSize = request.PartSize,
            CheckpointDirectory = request.CheckpointDirectory,
            ContentType = "text/csv",
            Metadata = new Dictionary<string, string> { ["owner"] = "second-run" },
            CacheControl = "no-cache",
        });

        Assert.False(result.Resumed);
        Assert.NotEqual(oldUploadId, result.UploadId);
        Assert.Null(harness.Server.GetUpload(oldUploadId));
        Assert.Contains(harness.Server.Requests.Of(OssOperationKind.AbortMultipartUpload), r => r.UploadId == oldUploadId);
        OssStoredObject stored = Assert.IsType<OssStoredObject>(harness.Server.GetObject(EndToEndHarness.Bucket, key));
        Assert.Equal("text/csv", stored.ContentType);
        Assert.Equal("second-run", stored.Metadata["x-oss-meta-owner"]);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task AResumeWithTheSameSettingsStillResumes()
    {
        const string key = "settings/same.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 72);
        string oldUploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 3);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        Assert.True(result.Resumed);
        Assert.Equal(oldUploadId, result.UploadId);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
    }
}
