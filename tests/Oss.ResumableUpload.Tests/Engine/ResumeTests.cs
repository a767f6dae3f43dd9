using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Engine;

public sealed class ResumeTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Resumes_from_the_checkpoint_uploading_only_the_missing_parts_with_the_stored_layout()
    {
        string path = _h.Files.Create((8 * Part) + 10);
        OssServiceException failure = _h.FailPart(5);
        OssServiceException thrown = await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        Assert.Same(failure, thrown);
        string uploadId = Assert.Single(_h.Fake.Uploads.Keys);
        Assert.Empty(_h.Fake.CallsOf("Abort"));
        Assert.Equal(1, _h.Store.Count);

        _h.Fake.BeforeUploadPart = null;
        var progress = new RecordingProgress();
        ResumableUploadRequest second = _h.Request(path, partSize: 4 * Part);
        second = WithProgress(second, progress);
        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(second, CancellationToken.None);

        Assert.Equal(uploadId, result.UploadId);
        Assert.True(result.Resumed);
        Assert.Equal(4L * Part, result.ResumedBytes);
        Assert.Equal([1, 2, 3, 4, 5, 5, 6, 7, 8, 9], _h.Fake.UploadedPartNumbers(uploadId));
        Assert.Equal(9, Assert.Single(_h.Fake.CallsOf("Complete")).Parts!.Count);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        Assert.Equal(0, _h.Store.Count);

        UploadProgress first = progress.Reports[0];
        Assert.Equal(4L * Part, first.TotalBytesSent);
        Assert.Equal(4L * Part, first.BytesSent);
        Assert.Equal(4L * Part, first.ResumedBytes);
        Assert.Equal(4, first.PartsCompleted);
        Assert.Equal(new FileInfo(path).Length, progress.Reports[^1].TotalBytesSent);
    }

    [Fact]
    public async Task Adopts_server_parts_the_checkpoint_missed_and_reuploads_a_part_that_does_not_match()
    {
        string path = _h.Files.Create(8 * Part);
        _h.FailPart(6);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        string uploadId = Assert.Single(_h.Fake.Uploads.Keys);

        // As if the process died before saving parts 3-5: the checkpoint records only parts 1 and 2.
        CheckpointKey key = Assert.Single(await ListAsync(_h.Store));
        Assert.True(CheckpointSerializer.TryDeserialize((await _h.Store.LoadAsync(key))!, out CheckpointDocument? document, out _));
        document!.Parts.RemoveAll(p => p.Number > 2);
        await _h.Store.SaveAsync(key, CheckpointSerializer.Serialize(document));

        // And the server's part 4 holds other bytes of the right size.
        _h.Fake.PutPart(uploadId, 4, TestFiles.Content(Part, seed: 99));
        _h.Fake.BeforeUploadPart = null;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(4L * Part, result.ResumedBytes);
        List<int> secondRun = _h.Fake.Calls.Where(c => c.Operation == "UploadPart").Skip(6).Select(c => c.PartNumber).Order().ToList();
        Assert.Equal([4, 6, 7, 8], secondRun);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        Assert.True(_h.Logger.Has(2005));
    }

    [Fact]
    public async Task Lists_every_page_of_parts()
    {
        string path = _h.Files.Create(7 * Part);
        _h.FailPart(7);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        _h.Fake.BeforeUploadPart = null;
        _h.Fake.ListPageSize = 2;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Equal(6L * Part, result.ResumedBytes);
        Assert.Equal(3, _h.Fake.CallsOf("ListParts").Count());
    }

    [Fact]
    public async Task A_vanished_upload_throws_CannotResumeUpload_deletes_the_checkpoint_and_the_next_call_starts_afresh()
    {
        string path = _h.Files.Create(4 * Part);
        _h.FailPart(3);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        _h.Fake.BeforeUploadPart = null;
        _h.Fake.Uploads.Clear();

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.CannotResumeUpload, error.ErrorCode);
        Assert.True(UploadErrors.IsNoSuchUpload(error.InnerException!));
        Assert.Equal(0, _h.Store.Count);
        Assert.Single(_h.Fake.CallsOf("Initiate"));

        ResumableUploadResult third = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);
        Assert.False(third.Resumed);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    [Fact]
    public async Task A_vanished_upload_starts_afresh_when_RestartWhenCannotResume_is_set()
    {
        string path = _h.Files.Create(4 * Part);
        _h.FailPart(3);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        string oldUpload = Assert.Single(_h.Fake.Uploads.Keys);
        _h.Fake.BeforeUploadPart = null;
        _h.Fake.Uploads.Clear();

        ResumableUploadRequest request = _h.Request(path);
        request = new ResumableUploadRequest
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            UploadFilePath = path,
            PartSize = Part,
            CheckpointStore = _h.Store,
            RestartWhenCannotResume = true,
        };
        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(request, CancellationToken.None);

        Assert.NotEqual(oldUpload, result.UploadId);
        Assert.False(result.Resumed);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        Assert.True(_h.Logger.Has(2010));
    }

    [Fact]
    public async Task An_upload_that_vanishes_while_parts_are_sent_cannot_resume()
    {
        string path = _h.Files.Create(4 * Part);
        _h.Fake.BeforeUploadPart = (part, _) =>
        {
            if (part.PartNumber == 3)
            {
                _h.Fake.Uploads.Clear();
            }

            return Task.CompletedTask;
        };

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.CannotResumeUpload, error.ErrorCode);
        Assert.Equal(0, _h.Store.Count);
        Assert.Empty(_h.Fake.CallsOf("Complete"));
    }

    [Fact]
    public async Task A_file_changed_between_runs_starts_afresh_and_aborts_the_superseded_upload()
    {
        string path = _h.Files.Create(4 * Part);
        _h.FailPart(3);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        string oldUpload = Assert.Single(_h.Fake.Uploads.Keys);
        _h.Fake.BeforeUploadPart = null;
        File.WriteAllBytes(path, TestFiles.Content((5 * Part) + 3, seed: 7));

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.False(result.Resumed);
        Assert.NotEqual(oldUpload, result.UploadId);
        Assert.Equal(oldUpload, Assert.Single(_h.Fake.CallsOf("Abort")).UploadId);
        Assert.False(_h.Fake.Uploads.ContainsKey(oldUpload));
        Assert.Equal(0, _h.Store.Count);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    [Fact]
    public async Task A_corrupt_checkpoint_is_ignored_with_a_warning()
    {
        string path = _h.Files.Create(3 * Part);
        _h.FailPart(2);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        CheckpointKey key = Assert.Single(await ListAsync(_h.Store));
        await _h.Store.SaveAsync(key, "{ this is not json");
        _h.Fake.BeforeUploadPart = null;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.False(result.Resumed);
        Assert.Equal(2, _h.Fake.CallsOf("Initiate").Count());
        Assert.True(_h.Logger.Has(3001));
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    [Fact]
    public async Task A_tampered_checkpoint_is_ignored_with_a_warning()
    {
        string path = _h.Files.Create(3 * Part);
        _h.FailPart(3);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        CheckpointKey key = Assert.Single(await ListAsync(_h.Store));
        string json = (await _h.Store.LoadAsync(key))!;
        string tampered = json.Replace("\"number\":2", "\"number\":3", StringComparison.Ordinal);
        Assert.NotEqual(json, tampered);
        await _h.Store.SaveAsync(key, tampered);
        _h.Fake.BeforeUploadPart = null;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.False(result.Resumed);
        Assert.Contains(_h.Logger.Lines, e => e.EventId.Id == 3001 && e.Message.Contains("checksum", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_checkpoint_directory_resumes_through_files()
    {
        string path = _h.Files.Create(4 * Part);
        _h.FailPart(4);
        ResumableUploadRequest request = new()
        {
            BucketName = EngineHarness.Bucket,
            ObjectKey = "файл с пробелами.bin",
            UploadFilePath = path,
            PartSize = Part,
            MaxConcurrency = 1,
            CheckpointDirectory = _h.Files.CheckpointDirectory,
        };
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(request, CancellationToken.None));
        Assert.Single(Directory.GetFiles(_h.Files.CheckpointDirectory, "*.ckpt"));
        _h.Fake.BeforeUploadPart = null;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(request, CancellationToken.None);

        Assert.Equal(3L * Part, result.ResumedBytes);
        Assert.Empty(Directory.GetFiles(_h.Files.CheckpointDirectory, "*.ckpt"));
    }

    [Fact]
    public async Task A_second_upload_of_the_same_object_with_the_same_store_fails_with_CheckpointLocked()
    {
        string path = _h.Files.Create(3 * Part);
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Fake.BeforeUploadPart = async (_, _) =>
        {
            blocked.TrySetResult();
            await release.Task;
        };
        Task<ResumableUploadResult> first = _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);
        await blocked.Task;

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        release.SetResult();
        await first;

        Assert.Equal(OssClientErrorCode.CheckpointLocked, error.ErrorCode);
        Assert.Single(_h.Fake.CallsOf("Initiate"));

        // Released at the end: the same object uploads again.
        await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);
    }

    private static ResumableUploadRequest WithProgress(ResumableUploadRequest r, IProgress<UploadProgress> progress) => new()
    {
        BucketName = r.BucketName,
        ObjectKey = r.ObjectKey,
        UploadFilePath = r.UploadFilePath,
        PartSize = r.PartSize,
        MaxConcurrency = r.MaxConcurrency,
        CheckpointStore = r.CheckpointStore,
        Progress = progress,
    };

    private static async Task<List<CheckpointKey>> ListAsync(InMemoryCheckpointStore store)
    {
        var keys = new List<CheckpointKey>();
        await foreach (CheckpointKey key in store.ListAsync(EngineHarness.Bucket, "dir/object.bin"))
        {
            keys.Add(key);
        }

        return keys;
    }
}
