namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// ResumableUploadAsync goes through the client's internal adapter, never through the public virtual primitives, so
/// a subclass that overrides them (a decorator, a mock that forgets one) does not change what the upload sends.
/// </summary>
public sealed class OverriddenPrimitivesTests
{
    private const int P = EndToEndHarness.PartSize;

    [Fact]
    public async Task A_multipart_upload_never_calls_an_overridden_primitive()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((3 * P) + 17, seed: 71);
        using var client = new ThrowingClient(harness.ClientOptions());

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, "overridden/multipart.bin"));

        await harness.AssertStoredAsync("overridden/multipart.bin", File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task A_single_put_never_calls_an_overridden_primitive()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(P / 2, seed: 72);
        using var client = new ThrowingClient(harness.ClientOptions());

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, "overridden/single.bin"));

        await harness.AssertStoredAsync("overridden/single.bin", File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task A_resume_never_calls_an_overridden_primitive()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 73);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, "overridden/resume.bin", cancelAtPart: 3);
        using var client = new ThrowingClient(harness.ClientOptions());

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, "overridden/resume.bin"));

        Assert.Equal(uploadId, result.UploadId);
        await harness.AssertStoredAsync("overridden/resume.bin", File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task The_overrides_are_really_in_place()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        using var client = new ThrowingClient(harness.ClientOptions());

        await Assert.ThrowsAsync<NotSupportedException>(() => client.HeadObjectAsync(new HeadObjectRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "k" }));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = "k" }));
    }

    /// <summary>Every public primitive the upload could use throws.</summary>
    private sealed class ThrowingClient(OssClientOptions options) : OssClient(options)
    {
        public override Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override Task<UploadPartResult> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override Task<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override IAsyncEnumerable<OssPartInfo> ListAllPartsAsync(string bucketName, string objectKey, string uploadId, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override Task AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override Task<ListMultipartUploadsResult> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        public override Task<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
            => throw Overridden();

        private static NotSupportedException Overridden() => new("ResumableUploadAsync must not call an overridden public primitive.");
    }
}
