using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>Every buffer the engine rents goes back to its pool, on every path (Azure's PartitionedUploader tests do the same).</summary>
public sealed class BufferPoolTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();
    private readonly TrackingArrayPool _pool = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Every_buffer_is_returned_after_a_successful_multipart_upload(int concurrency)
    {
        string path = _h.Files.Create((5 * Part) + 7);

        await _h.CreateUploader(bufferPool: _pool).UploadAsync(_h.Request(path, concurrency: concurrency), CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        _pool.AssertAllReturned();
    }

    [Fact]
    public async Task Every_buffer_is_returned_after_a_single_put_and_after_streamed_parts()
    {
        string small = _h.Files.Create(Part / 2, name: "small.bin");
        await _h.CreateUploader(bufferPool: _pool).UploadAsync(_h.Request(small, key: "small"), CancellationToken.None);

        // Parts above the streaming threshold are hashed in pooled chunks and sent from the file.
        string large = _h.Files.Create(3 * Part, name: "large.bin");
        await _h.CreateUploader(streamingThreshold: Part / 4, bufferPool: _pool).UploadAsync(_h.Request(large, concurrency: 2), CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(large), _h.StoredObject());
        _pool.AssertAllReturned();
    }

    [Theory]
    [InlineData(UploadCancelBehavior.Abort)]
    [InlineData(UploadCancelBehavior.KeepForResume)]
    public async Task Every_buffer_is_returned_after_a_cancel_with_parts_in_flight(UploadCancelBehavior behavior)
    {
        string path = _h.Files.Create(6 * Part);
        using var cts = new CancellationTokenSource();
        int blocked = 0;
        int heldAtCancel = -1;
        _h.Fake.BeforeUploadPart = async (part, token) =>
        {
            // The engine has read these parts into rented buffers; the cancel comes while three are held.
            if (part.PartNumber >= 2)
            {
                if (Interlocked.Increment(ref blocked) == 3)
                {
                    heldAtCancel = _pool.Outstanding;
                    await cts.CancelAsync();
                }

                await Task.Delay(Timeout.Infinite, token);
            }
        };
        ResumableUploadRequest request = _h.Request(path, concurrency: 3);
        request = new ResumableUploadRequest
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            UploadFilePath = request.UploadFilePath,
            PartSize = request.PartSize,
            MaxConcurrency = request.MaxConcurrency,
            CheckpointStore = request.CheckpointStore,
            CancelBehavior = behavior,
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.CreateUploader(bufferPool: _pool).UploadAsync(request, cts.Token));

        Assert.True(Volatile.Read(ref heldAtCancel) >= 3, $"{heldAtCancel} buffers were held when the token was cancelled");
        _pool.AssertAllReturned();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_buffer_is_returned_after_a_failed_part(bool withStore)
    {
        string path = _h.Files.Create(6 * Part);
        OssServiceException failure = _h.FailPart(3);

        OssServiceException thrown = await Assert.ThrowsAsync<OssServiceException>(
            () => _h.CreateUploader(bufferPool: _pool).UploadAsync(_h.Request(path, withStore: withStore, concurrency: 3), CancellationToken.None));

        Assert.Same(failure, thrown);
        _pool.AssertAllReturned();
    }

    [Fact]
    public async Task Every_buffer_is_returned_after_a_resume_that_hashes_and_adopts_server_parts()
    {
        string path = _h.Files.Create(6 * Part);
        _h.FailPart(5);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        string uploadId = Assert.Single(_h.Fake.Uploads.Keys);

        // As if the process died before saving parts 2-4: the server has them, the checkpoint does not.
        CheckpointKey key = Assert.Single(await ListAsync(_h.Store));
        Assert.True(CheckpointSerializer.TryDeserialize((await _h.Store.LoadAsync(key))!, out CheckpointDocument? document, out _));
        document!.Parts.RemoveAll(p => p.Number > 1);
        await _h.Store.SaveAsync(key, CheckpointSerializer.Serialize(document));
        _h.Fake.BeforeUploadPart = null;

        ResumableUploadResult result = await _h.CreateUploader(bufferPool: _pool).UploadAsync(_h.Request(path, concurrency: 2), CancellationToken.None);

        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(4L * Part, result.ResumedBytes);
        Assert.Equal([1, 2, 3, 4, 5, 5, 6], _h.Fake.UploadedPartNumbers(uploadId));
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        _pool.AssertAllReturned();
    }

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
