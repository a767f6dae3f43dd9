namespace Oss.ResumableUpload.Tests.Engine;

public sealed class CancelAndFailureTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Cancel_with_Abort_aborts_under_its_own_token_and_deletes_the_checkpoint()
    {
        string path = _h.Files.Create(6 * Part);
        using var cts = new CancellationTokenSource();
        BlockPartUntilCancelled(3, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.CreateUploader().UploadAsync(_h.Request(path, concurrency: 2), cts.Token));

        FakeCall abort = Assert.Single(_h.Fake.CallsOf("Abort"));
        Assert.False(abort.TokenWasCancelled);
        Assert.NotEqual(cts.Token, abort.Token);
        Assert.Empty(_h.Fake.Uploads);
        Assert.Equal(0, _h.Store.Count);
        Assert.Empty(_h.Fake.CallsOf("Complete"));
    }

    [Fact]
    public async Task Cancel_with_KeepForResume_keeps_the_upload_and_a_checkpoint_that_resumes()
    {
        string path = _h.Files.Create(6 * Part);
        using var cts = new CancellationTokenSource();
        BlockPartUntilCancelled(3, cts);
        ResumableUploadRequest request = Keep(_h.Request(path));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.CreateUploader().UploadAsync(request, cts.Token));

        Assert.Empty(_h.Fake.CallsOf("Abort"));
        string uploadId = Assert.Single(_h.Fake.Uploads.Keys);
        Assert.Equal(1, _h.Store.Count);

        _h.Fake.BeforeUploadPart = null;
        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(request, CancellationToken.None);
        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(2L * Part, result.ResumedBytes);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    [Fact]
    public async Task Cancel_with_KeepForResume_but_no_store_aborts_since_nothing_could_resume()
    {
        string path = _h.Files.Create(4 * Part);
        using var cts = new CancellationTokenSource();
        BlockPartUntilCancelled(2, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.CreateUploader().UploadAsync(Keep(_h.Request(path, withStore: false)), cts.Token));

        Assert.Single(_h.Fake.CallsOf("Abort"));
        Assert.Empty(_h.Fake.Uploads);
    }

    [Fact]
    public async Task A_failure_with_a_store_keeps_the_upload_and_throws_the_original_exception()
    {
        string path = _h.Files.Create(4 * Part);
        OssServiceException failure = _h.FailPart(2);

        OssServiceException thrown = await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Empty(_h.Fake.CallsOf("Abort"));
        Assert.Single(_h.Fake.Uploads);
        Assert.Equal(1, _h.Store.Count);
        Assert.True(_h.Logger.Has(2012));
    }

    [Fact]
    public async Task A_failure_without_a_store_aborts_and_throws_the_original_exception()
    {
        string path = _h.Files.Create(4 * Part);
        OssServiceException failure = _h.FailPart(2);

        OssServiceException thrown = await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path, withStore: false), CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.False(Assert.Single(_h.Fake.CallsOf("Abort")).TokenWasCancelled);
        Assert.Empty(_h.Fake.Uploads);
    }

    [Fact]
    public async Task A_failing_part_cancels_the_parts_in_flight()
    {
        string path = _h.Files.Create(4 * Part);
        var secondInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new OssServiceException(503, "ServiceUnavailable", "Please reduce your request rate.");
        _h.Fake.BeforeUploadPart = async (part, token) =>
        {
            if (part.PartNumber == 1)
            {
                await secondInFlight.Task;
                throw failure;
            }

            if (part.PartNumber == 2)
            {
                token.Register(() => secondCancelled.TrySetResult());
                secondInFlight.SetResult();
                await Task.Delay(Timeout.Infinite, token);
            }
        };

        OssServiceException thrown = await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path, concurrency: 2), CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.True(secondCancelled.Task.IsCompleted);
        Assert.DoesNotContain(_h.Fake.Calls, c => c.Operation == "UploadPart" && c.PartNumber > 2);
    }

    [Fact]
    public async Task A_file_that_grows_during_the_upload_fails_with_FileChanged_and_is_never_completed()
    {
        string path = _h.Files.Create(4 * Part);
        _h.Fake.BeforeUploadPart = (part, _) =>
        {
            if (part.PartNumber == 2)
            {
                File.AppendAllText(path, "more");
            }

            return Task.CompletedTask;
        };

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.FileChanged, error.ErrorCode);
        Assert.Empty(_h.Fake.CallsOf("Complete"));
        Assert.Single(_h.Fake.CallsOf("Abort"));
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task A_file_rewritten_in_place_during_the_last_part_fails_with_FileChanged_before_Complete()
    {
        string path = _h.Files.Create(3 * Part);
        _h.Fake.BeforeUploadPart = (part, _) =>
        {
            if (part.PartNumber == 3)
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                    stream.Write(TestFiles.Content(10, seed: 5));
                }

                File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
            }

            return Task.CompletedTask;
        };

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path, withStore: false), CancellationToken.None));

        Assert.Equal(OssClientErrorCode.FileChanged, error.ErrorCode);
        Assert.Empty(_h.Fake.CallsOf("Complete"));
        Assert.Single(_h.Fake.CallsOf("Abort"));
    }

    private static ResumableUploadRequest Keep(ResumableUploadRequest r) => new()
    {
        BucketName = r.BucketName,
        ObjectKey = r.ObjectKey,
        UploadFilePath = r.UploadFilePath,
        PartSize = r.PartSize,
        MaxConcurrency = r.MaxConcurrency,
        CheckpointStore = r.CheckpointStore,
        CancelBehavior = UploadCancelBehavior.KeepForResume,
    };

    /// <summary>Parts before <paramref name="partNumber"/> succeed; that part cancels the caller's token and waits for it.</summary>
    private void BlockPartUntilCancelled(int partNumber, CancellationTokenSource caller)
        => _h.Fake.BeforeUploadPart = async (part, token) =>
        {
            if (part.PartNumber == partNumber)
            {
                await caller.CancelAsync();
                await Task.Delay(Timeout.Infinite, token);
            }
            else if (part.PartNumber > partNumber)
            {
                await Task.Delay(Timeout.Infinite, token);
            }
        };
}
