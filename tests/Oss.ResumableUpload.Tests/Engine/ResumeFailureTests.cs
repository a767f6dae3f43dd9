namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// A resume that fails before it has reconciled anything (ListParts fails on the network, or the call is cancelled
/// with KeepForResume while listing) must keep the upload and its checkpoint exactly as they were: the next call
/// resumes them. Aborting there would throw away every part already uploaded.
/// </summary>
public sealed class ResumeFailureTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_network_failure_in_ListParts_keeps_the_upload_and_the_checkpoint()
    {
        string path = _h.Files.Create(6 * Part);
        _h.FailPart(4);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        string uploadId = Assert.Single(_h.Fake.Uploads.Keys);
        _h.Fake.BeforeUploadPart = null;

        var network = new OssClientException(OssClientErrorCode.NetworkFailure, "The connection was reset.");
        _h.Fake.ListPartsErrorOnce = network;
        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Same(network, error);
        Assert.Empty(_h.Fake.CallsOf("Abort"));
        Assert.Equal(uploadId, Assert.Single(_h.Fake.Uploads.Keys));
        Assert.Equal(1, _h.Store.Count);

        _h.Fake.Calls.Clear();
        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.True(result.Resumed);
        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(3, _h.Fake.CallsOf("UploadPart").Count());
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    [Fact]
    public async Task A_cancel_with_KeepForResume_while_listing_keeps_the_upload()
    {
        string path = _h.Files.Create(6 * Part);
        _h.FailPart(4);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        _h.Fake.BeforeUploadPart = null;

        using var cancel = new CancellationTokenSource();
        _h.Fake.BeforeListParts = cancel.Cancel;
        ResumableUploadRequest keep = _h.Request(path);
        keep = new ResumableUploadRequest
        {
            BucketName = keep.BucketName, ObjectKey = keep.ObjectKey, UploadFilePath = path, PartSize = Part,
            CheckpointStore = _h.Store, CancelBehavior = UploadCancelBehavior.KeepForResume,
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.CreateUploader().UploadAsync(keep, cancel.Token));

        Assert.Single(_h.Fake.CallsOf("ListParts"));
        Assert.Empty(_h.Fake.CallsOf("Abort"));
        Assert.Single(_h.Fake.Uploads);
        Assert.Equal(1, _h.Store.Count);
    }

    [Fact]
    public async Task A_cancel_with_Abort_while_listing_aborts_the_upload_and_deletes_its_checkpoint()
    {
        string path = _h.Files.Create(6 * Part);
        _h.FailPart(4);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        _h.Fake.BeforeUploadPart = null;

        using var cancel = new CancellationTokenSource();
        _h.Fake.BeforeListParts = cancel.Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), cancel.Token));

        Assert.Single(_h.Fake.CallsOf("Abort"));
        Assert.Empty(_h.Fake.Uploads);
        Assert.Equal(0, _h.Store.Count);
    }
}
