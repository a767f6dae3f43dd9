using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Tests.Engine;

public sealed class CompletionTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_Complete_whose_reply_was_lost_succeeds_after_checking_the_object()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.ThrowAfterComplete = FakeMultipartOperations.NoSuchUpload();

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Single(_h.Fake.CallsOf("HeadObject"));
        FakeObject stored = _h.Fake.Objects[(EngineHarness.Bucket, "dir/object.bin")];
        Assert.Equal(stored.ETag, result.ETag);
        Assert.Equal(OssCrc64.Compute(File.ReadAllBytes(path)), result.HashCrc64Ecma);
        Assert.Equal(0, _h.Store.Count);
        Assert.True(_h.Logger.Has(2008));
    }

    [Fact]
    public async Task A_Complete_lost_to_the_network_is_recognised_by_the_next_run()
    {
        string path = _h.Files.Create(3 * Part);
        var network = new OssClientException(OssClientErrorCode.NetworkFailure, "The connection was reset.");
        _h.Fake.ThrowAfterComplete = network;

        OssClientException first = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        Assert.Same(network, first);
        Assert.Equal(1, _h.Store.Count);

        _h.Fake.ThrowAfterComplete = null;
        ResumableUploadResult second = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.True(second.Resumed);
        Assert.Equal(3L * Part, second.ResumedBytes);
        Assert.Single(_h.Fake.CallsOf("Complete"));
        Assert.Single(_h.Fake.CallsOf("HeadObject"));
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task A_vanished_upload_whose_object_differs_is_not_taken_for_a_lost_reply()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.ThrowAfterComplete = FakeMultipartOperations.NoSuchUpload();

        // Another writer replaces the object right after our Complete: its size and CRC-64 differ.
        _h.Fake.AfterComplete = () => _h.Fake.Objects[(EngineHarness.Bucket, "dir/object.bin")] = new FakeObject([1, 2, 3], "\"X\"", 42, null);

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.CannotResumeUpload, error.ErrorCode);
        Assert.Single(_h.Fake.CallsOf("HeadObject"));
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task A_whole_object_CRC_that_differs_from_the_combined_part_CRCs_is_a_ChecksumMismatch()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.CompleteCrcOverride = 12345;

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, error.ErrorCode);
        Assert.Contains("12345", error.Message);
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task The_combined_CRC_includes_resumed_parts()
    {
        string path = _h.Files.Create(5 * Part);
        _h.FailPart(4);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        _h.Fake.BeforeUploadPart = null;
        _h.Fake.CompleteCrcOverride = OssCrc64.Compute(File.ReadAllBytes(path).AsSpan(Part));

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, error.ErrorCode);
    }

    [Fact]
    public async Task The_callback_goes_with_Complete_and_its_reply_comes_back()
    {
        string path = _h.Files.Create(2 * Part);
        var callback = new OssUploadCallback { CallbackUrl = "http://127.0.0.1:9/cb", CallbackBody = "bucket=${bucket}" };
        ResumableUploadRequest r = _h.Request(path);
        var request = new ResumableUploadRequest { BucketName = r.BucketName, ObjectKey = r.ObjectKey, UploadFilePath = path, PartSize = Part, Callback = callback };

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(request, CancellationToken.None);

        Assert.Equal("{\"ok\":true}", result.CallbackResponseBody);
    }
}
