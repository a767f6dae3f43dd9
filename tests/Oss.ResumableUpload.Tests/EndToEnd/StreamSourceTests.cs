using Microsoft.Extensions.Logging.Abstractions;
using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Testing;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary><see cref="ResumableUploadRequest.UploadStream"/> over real HTTP: seekable and non-seekable streams.</summary>
public sealed class StreamSourceTests
{
    private const int P = EndToEndHarness.PartSize;

    internal static ResumableUploadRequest StreamRequest(Stream stream, string key, string? checkpointDirectory = null, int concurrency = 3, string? identity = null, bool singlePut = true, IProgress<UploadProgress>? progress = null)
        => new()
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = key,
            UploadStream = stream,
            UploadStreamIdentity = identity,
            PartSize = P,
            MaxConcurrency = concurrency,
            CheckpointDirectory = checkpointDirectory,
            UseSinglePutForSmallFiles = singlePut,
            Progress = progress,
        };

    [Fact]
    public async Task ASeekableMemoryStreamGoesUpInParallelPartsFromItsPositionAndIsNotDisposed()
    {
        const string key = "streams/memory.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] all = EndToEndHarness.Content((6 * P) + 1234, seed: 81);
        const int start = 1000;
        var stream = new MemoryStream(all) { Position = start };

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamRequest(stream, key));

        byte[] expected = all[start..];
        await harness.AssertStoredAsync(key, expected, result);
        Assert.NotNull(result.UploadId);
        Assert.Equal(7, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
        Assert.True(stream.CanRead, "The caller's stream was disposed.");
    }

    [Fact]
    public async Task ASeekableFileStreamGoesUpExactly()
    {
        const string key = "streams/file.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((4 * P) + 99, seed: 82);
        await using FileStream stream = File.OpenRead(path);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamRequest(stream, key, concurrency: 4));

        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Equal(5, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
    }

    [Theory]
    [InlineData((5 * P) + 4321, 6)]   // several parts, a short last part
    [InlineData(4 * P, 4)]            // an exact multiple of the part size: no empty extra part
    public async Task ANonSeekableStreamGoesUpInPartsWithAShortLastPart(int length, int parts)
    {
        const string key = "streams/sequential.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content(length, seed: 83);
        var stream = new NonSeekableStream(content);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamRequest(stream, key));

        await harness.AssertStoredAsync(key, content, result);
        Assert.NotNull(result.UploadId);
        Assert.Equal(length, result.ContentLength);
        Assert.Equal(parts, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
        Assert.False(stream.IsDisposed);
    }

    [Theory]
    [InlineData(0)]        // an empty stream: one PutObject of 0 bytes
    [InlineData(P / 3)]    // ends inside the first part
    [InlineData(P)]        // exactly one part
    public async Task ANonSeekableStreamThatEndsWithinTheFirstPartIsOnePutObject(int length)
    {
        const string key = "streams/small.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content(length, seed: 84);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamRequest(new NonSeekableStream(content), key));

        await harness.AssertStoredAsync(key, content, result);
        Assert.Null(result.UploadId);
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.PutObject));
        Assert.Empty(harness.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload));
    }

    [Fact]
    public async Task ANonSeekableStreamOfExactlyOnePartWithoutSinglePutIsAOnePartUpload()
    {
        const string key = "streams/one-part.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content(P, seed: 85);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamRequest(new NonSeekableStream(content), key, singlePut: false));

        await harness.AssertStoredAsync(key, content, result);
        Assert.NotNull(result.UploadId);
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.UploadPart));
    }

    [Fact]
    public async Task AFailedPartOfANonSeekableStreamIsRetriedFromItsBuffer()
    {
        const string key = "streams/retried.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content((4 * P) + 10, seed: 86);
        OssFault fault = harness.Server.Faults.FailNext(OssOperationKind.UploadPart, count: 2, statusCode: 503, errorCode: "ServiceUnavailable", partNumber: 2);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamRequest(new NonSeekableStream(content), key));

        Assert.Equal(2, fault.TimesTriggered);
        Assert.Equal([503, 503, 200], harness.Server.Requests.Of(OssOperationKind.UploadPart).Where(r => r.PartNumber == 2).Select(r => r.StatusCode));
        await harness.AssertStoredAsync(key, content, result);
    }

    [Fact]
    public async Task ANonSeekableStreamNeverHoldsMoreThanAFewPartsInMemory()
    {
        const string key = "streams/bounded.bin";
        const int concurrency = 3;
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content(40 * P, seed: 87);
        var pool = new PeakCountingPool();
        OssClient client = harness.CreateClient();
        var uploader = new ResumableUploader(client.Operations, NullLogger.Instance, TimeProvider.System) { BufferPool = pool };

        ResumableUploadResult result = await uploader.UploadAsync(StreamRequest(new NonSeekableStream(content), key, concurrency: concurrency), CancellationToken.None);

        await harness.AssertStoredAsync(key, content, result);

        // The parts in flight, plus the one being read and the one waiting to be taken.
        Assert.InRange(pool.PeakBytes, P, (concurrency + 2) * (long)P);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task ProgressOfANonSeekableStreamHasNoTotalUntilItsEnd()
    {
        const string key = "streams/progress.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content((3 * P) + 5, seed: 88);
        var reports = new SyncProgress();

        await harness.CreateClient().ResumableUploadAsync(StreamRequest(new NonSeekableStream(content), key, progress: reports));

        IReadOnlyList<UploadProgress> seen = reports.Reports;
        Assert.All(seen.SkipLast(1), p => Assert.Equal((false, -1L), (p.IsTotalKnown, p.TotalBytesExpected)));
        UploadProgress last = seen[^1];
        Assert.True(last.IsTotalKnown);
        Assert.Equal(content.Length, last.TotalBytesExpected);
        Assert.Equal(content.Length, last.TotalBytesSent);
        Assert.Equal(4, last.TotalParts);
    }

    [Fact]
    public async Task ASeekableStreamWhoseLengthChangesFailsWithFileChanged()
    {
        const string key = "streams/changed.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        var stream = new MemoryStream();
        stream.Write(EndToEndHarness.Content(5 * P, seed: 89));
        stream.Position = 0;
        OssClient client = harness.CreateHookedClient((request, _) =>
        {
            if (EndToEndHarness.PartNumberOf(request) == 2)
            {
                stream.SetLength((5 * P) + 1);
            }

            return Task.CompletedTask;
        });

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(StreamRequest(stream, key, concurrency: 1)));

        Assert.Equal(OssClientErrorCode.FileChanged, error.ErrorCode);
        Assert.Null(harness.Server.GetObject(EndToEndHarness.Bucket, key));
        Assert.Empty(harness.Server.GetUploads(EndToEndHarness.Bucket));
    }

    [Fact]
    public async Task ASeekableStreamWithoutIdentityKeepsNoCheckpointAndSaysSo()
    {
        const string key = "streams/no-identity.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content(3 * P, seed: 90);
        var logs = new ListLoggerFactory();
        bool sawCheckpoint = false;
        OssClient client = harness.CreateHookedClient(
            (_, _) =>
            {
                sawCheckpoint |= harness.CheckpointFiles().Length > 0;
                return Task.CompletedTask;
            },
            logs);

        ResumableUploadResult result = await client.ResumableUploadAsync(StreamRequest(new MemoryStream(content), key, harness.CheckpointDirectory));

        await harness.AssertStoredAsync(key, content, result);
        Assert.False(sawCheckpoint);
        Assert.True(logs.Has(OssDiagnostics.EventIds.StreamNotCheckpointed));
    }

    [Fact]
    public async Task ASeekableStreamWithAnIdentityResumesAfterACancel()
    {
        const string key = "streams/resumed.bin";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        byte[] content = EndToEndHarness.Content((5 * P) + 17, seed: 91);
        using var cancel = new CancellationTokenSource();
        OssClient cancelling = harness.CreateHookedClient((request, _) =>
        {
            if (EndToEndHarness.PartNumberOf(request) == 4)
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        });
        ResumableUploadRequest first = StreamRequest(new MemoryStream(content), key, harness.CheckpointDirectory, concurrency: 1, identity: "content-v1");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelling.ResumableUploadAsync(
            new ResumableUploadRequest
            {
                BucketName = first.BucketName,
                ObjectKey = first.ObjectKey,
                UploadStream = first.UploadStream,
                UploadStreamIdentity = first.UploadStreamIdentity,
                PartSize = first.PartSize,
                MaxConcurrency = 1,
                CheckpointDirectory = first.CheckpointDirectory,
                CancelBehavior = UploadCancelBehavior.KeepForResume,
            },
            cancel.Token));
        Assert.Single(harness.CheckpointFiles());
        int partsBefore = harness.Server.Requests.Of(OssOperationKind.UploadPart).Count(r => r.StatusCode == 200);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(StreamRequest(new MemoryStream(content), key, harness.CheckpointDirectory, identity: "content-v1"));

        Assert.True(result.Resumed);
        Assert.Equal(3 * P, result.ResumedBytes);
        Assert.Equal(3, partsBefore);
        Assert.Equal(3, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count(r => r.StatusCode == 200) - partsBefore);
        await harness.AssertStoredAsync(key, content, result);
        Assert.Empty(harness.CheckpointFiles());
    }
}
