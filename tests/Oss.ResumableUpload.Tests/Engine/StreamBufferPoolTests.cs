using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>Stream sources return every pooled buffer, on success and on failure, and large parts use several arrays.</summary>
public sealed class StreamBufferPoolTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();
    private readonly TrackingArrayPool _pool = new();

    public void Dispose() => _h.Dispose();

    private static ResumableUploadRequest StreamRequest(Stream stream, int concurrency = 3, long partSize = Part)
        => new()
        {
            BucketName = EngineHarness.Bucket,
            ObjectKey = "dir/object.bin",
            UploadStream = stream,
            PartSize = partSize,
            MaxConcurrency = concurrency,
        };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_buffer_is_returned_after_a_stream_upload(bool seekable)
    {
        byte[] content = TestFiles.Content((7 * Part) + 3, seed: 5);
        Stream stream = seekable ? new MemoryStream(content) : new NonSeekableStream(content);

        await _h.CreateUploader(bufferPool: _pool).UploadAsync(StreamRequest(stream), CancellationToken.None);

        Assert.Equal(content, _h.StoredObject());
        _pool.AssertAllReturned();
    }

    [Fact]
    public async Task A_failed_part_of_a_non_seekable_stream_aborts_the_upload_and_returns_every_buffer()
    {
        byte[] content = TestFiles.Content(12 * Part, seed: 6);
        OssServiceException failure = _h.FailPart(4);

        OssServiceException thrown = await Assert.ThrowsAsync<OssServiceException>(
            () => _h.CreateUploader(bufferPool: _pool).UploadAsync(StreamRequest(new NonSeekableStream(content)), CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Empty(_h.Fake.Uploads);
        Assert.Single(_h.Fake.CallsOf("Abort"));
        _pool.AssertAllReturned();
    }

    [Fact]
    public async Task A_cancelled_non_seekable_upload_aborts_and_returns_every_buffer()
    {
        byte[] content = TestFiles.Content(12 * Part, seed: 7);
        using var cancel = new CancellationTokenSource();
        _h.Fake.BeforeUploadPart = (part, _) =>
        {
            if (part.PartNumber == 3)
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _h.CreateUploader(bufferPool: _pool).UploadAsync(StreamRequest(new NonSeekableStream(content)), cancel.Token));

        Assert.Empty(_h.Fake.Uploads);
        _pool.AssertAllReturned();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_part_larger_than_one_pooled_array_is_held_in_segments(bool seekable)
    {
        const long partSize = PooledPartBuffer.MaxSegmentSize + (1024 * 1024);
        byte[] content = TestFiles.Content((int)partSize + 4321, seed: 8);
        Stream stream = seekable ? new MemoryStream(content) : new NonSeekableStream(content, maxRead: 1 << 20);

        ResumableUploadResult result = await _h.CreateUploader(bufferPool: _pool).UploadAsync(StreamRequest(stream, concurrency: 1, partSize: partSize), CancellationToken.None);

        Assert.NotNull(result.UploadId);
        Assert.True(content.AsSpan().SequenceEqual(_h.StoredObject()), "The stored bytes differ from the stream's.");

        // Part 1: one 64 MiB array and one 1 MiB array. Part 2 of a seekable stream has a known length: one small
        // array; a non-seekable stream's reader cannot know part 2 is short before reading it, so it rents a full part.
        Assert.Equal(seekable ? 3 : 4, _pool.Rents);
        _pool.AssertAllReturned();
    }
}
