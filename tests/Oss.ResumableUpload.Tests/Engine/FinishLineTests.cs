using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// The finish line: the checkpoint lists every part before Complete is sent, a run that finds its upload gone but the
/// object stored checks the object against the file itself, and an object that cannot be checked is reported so.
/// </summary>
public sealed class FinishLineTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_checkpoint_lists_every_part_when_Complete_is_sent()
    {
        const int parts = 25;
        string path = _h.Files.Create(parts * Part);
        int? savedParts = null;
        _h.Fake.BeforeComplete = request =>
        {
            string json = SingleCheckpoint().GetAwaiter().GetResult();
            Assert.True(CheckpointSerializer.TryDeserialize(json, out CheckpointDocument? document, out _));
            savedParts = document!.Parts.Count;
        };

        await _h.CreateUploader().UploadAsync(_h.Request(path, concurrency: 4), CancellationToken.None);

        Assert.Equal(parts, savedParts);
    }

    [Fact]
    public async Task A_run_that_finds_its_upload_completed_checks_the_file_and_sends_no_part()
    {
        const int parts = 6;
        string path = _h.Files.Create(parts * Part);
        string uploadId = await CompleteButLoseEverythingAsync(path, checkpointParts: 2);

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.True(result.Resumed);
        Assert.Equal(uploadId, result.UploadId);
        Assert.True(result.IsCrc64Verified);
        Assert.Equal(OssCrc64.Compute(File.ReadAllBytes(path)), result.HashCrc64Ecma);
        Assert.Equal(parts * (long)Part, result.ResumedBytes);
        Assert.Empty(_h.Fake.CallsOf("UploadPart"));
        Assert.Empty(_h.Fake.CallsOf("Initiate"));
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task A_completed_object_of_the_same_size_but_other_bytes_is_not_success()
    {
        const int parts = 4;
        string path = _h.Files.Create(parts * Part);
        await CompleteButLoseEverythingAsync(path, checkpointParts: parts);
        byte[] other = new byte[parts * Part];
        _h.Fake.Objects[(EngineHarness.Bucket, "dir/object.bin")] = new FakeObject(other, "\"OTHER\"", OssCrc64.Compute(other), null);

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.CannotResumeUpload, error.ErrorCode);
        Assert.Same(other, _h.Fake.Objects[(EngineHarness.Bucket, "dir/object.bin")].Data);
        Assert.Equal(0, _h.Store.Count);
        Assert.True(_h.Logger.Has(2019));
    }

    [Fact]
    public async Task A_Complete_reply_without_a_CRC_is_checked_with_HeadObject()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.OmitCompleteCrc64 = true;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Single(_h.Fake.CallsOf("HeadObject"));
        Assert.True(result.IsCrc64Verified);
        Assert.Equal(OssCrc64.Compute(File.ReadAllBytes(path)), result.HashCrc64Ecma);
    }

    [Fact]
    public async Task An_object_the_server_reports_no_CRC_for_is_reported_unverified()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.OmitCrc64 = true;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Single(_h.Fake.CallsOf("HeadObject"));
        Assert.False(result.IsCrc64Verified);
        Assert.Null(result.HashCrc64Ecma);
        Assert.True(_h.Logger.Has(2020));
    }

    [Fact]
    public async Task A_HeadObject_that_fails_on_the_network_leaves_the_stored_object_reported_unverified()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.OmitCompleteCrc64 = true;
        _h.Fake.HeadObjectError = new OssClientException(OssClientErrorCode.NetworkFailure, "The connection was reset.");

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.False(result.IsCrc64Verified);
        Assert.True(_h.Logger.Has(2022));
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    [Fact]
    public async Task A_HeadObject_reply_that_breaks_the_protocol_is_an_error_not_an_unverified_success()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.OmitCompleteCrc64 = true;
        var invalid = new OssClientException(OssClientErrorCode.InvalidResponse, "The server's reply broke the protocol.");
        _h.Fake.HeadObjectError = invalid;

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Same(invalid, error);
    }

    [Fact]
    public async Task A_HeadObject_CRC_that_differs_from_the_parts_is_a_checksum_mismatch()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.OmitCompleteCrc64 = true;
        _h.Fake.AfterComplete = () =>
        {
            FakeObject stored = _h.Fake.Objects[(EngineHarness.Bucket, "dir/object.bin")];
            _h.Fake.Objects[(EngineHarness.Bucket, "dir/object.bin")] = stored with { Crc64 = stored.Crc64 ^ 1 };
        };

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.ChecksumMismatch, error.ErrorCode);
    }

    [Fact]
    public async Task A_single_PutObject_without_any_CRC_is_reported_unverified()
    {
        string path = _h.Files.Create(Part / 2);
        _h.Fake.OmitCrc64 = true;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.False(result.IsCrc64Verified);
        Assert.Single(_h.Fake.CallsOf("HeadObject"));
        Assert.True(_h.Logger.Has(2020));
    }

    [Fact]
    public async Task A_cancel_that_cannot_save_its_checkpoint_aborts_instead_of_orphaning_the_upload()
    {
        string path = _h.Files.Create(4 * Part);
        var store = new FailingSaveStore();
        using var cancel = new CancellationTokenSource();
        _h.Fake.BeforeUploadPart = (part, token) =>
        {
            if (part.PartNumber == 3)
            {
                store.FailSaves = true;
                cancel.Cancel();
            }

            return Task.CompletedTask;
        };
        var request = new ResumableUploadRequest
        {
            BucketName = EngineHarness.Bucket,
            ObjectKey = "dir/object.bin",
            UploadFilePath = path,
            PartSize = Part,
            MaxConcurrency = 1,
            CheckpointStore = store,
            CancelBehavior = UploadCancelBehavior.KeepForResume,
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.CreateUploader().UploadAsync(request, cancel.Token));

        Assert.Single(_h.Fake.CallsOf("Abort"));
        Assert.Empty(_h.Fake.Uploads);
        Assert.True(_h.Logger.Has(2021));
    }

    /// <summary>Uploads the file, lets Complete store the object but lose its reply to the network, and leaves a checkpoint listing only the first parts.</summary>
    private async Task<string> CompleteButLoseEverythingAsync(string path, int checkpointParts)
    {
        _h.Fake.ThrowAfterComplete = new OssClientException(OssClientErrorCode.NetworkFailure, "The connection was reset.");
        await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        _h.Fake.ThrowAfterComplete = null;

        CheckpointKey key = await SingleKeyAsync();
        string json = (await _h.Store.LoadAsync(key))!;
        Assert.True(CheckpointSerializer.TryDeserialize(json, out CheckpointDocument? document, out _));
        document!.Parts = document.Parts.Take(checkpointParts).ToList();
        document.Checksum = null;
        await _h.Store.SaveAsync(key, CheckpointSerializer.Serialize(document));
        _h.Fake.Calls.Clear();
        return document.UploadId;
    }

    private async Task<CheckpointKey> SingleKeyAsync()
    {
        var keys = new List<CheckpointKey>();
        await foreach (CheckpointKey key in _h.Store.ListAsync(EngineHarness.Bucket, "dir/object.bin"))
        {
            keys.Add(key);
        }

        return Assert.Single(keys);
    }

    private async Task<string> SingleCheckpoint() => (await _h.Store.LoadAsync(await SingleKeyAsync()))!;
}
