using System.Buffers;
using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>The fake service, a fake clock, a log, temp files and a checkpoint store for one test.</summary>
internal sealed class EngineHarness : IDisposable
{
    public const int Part = 100 * 1024;

    public const string Bucket = "test-bucket";

    public FakeMultipartOperations Fake { get; }

    public FakeTimeProvider Time { get; } = new();

    public EngineHarness() => Fake = new FakeMultipartOperations { Clock = Time };

    public ListLoggerFactory Logger { get; } = new();

    public TestFiles Files { get; } = new();

    public InMemoryCheckpointStore Store { get; } = new();

    public ResumableUploader CreateUploader(long streamingThreshold = PartTransfer.DefaultStreamingThreshold, ArrayPool<byte>? bufferPool = null)
        => new(Fake, Logger.CreateLogger("Oss.ResumableUpload.Tests.Engine"), Time) { StreamingThreshold = streamingThreshold, BufferPool = bufferPool ?? ArrayPool<byte>.Shared };

    public ResumableUploadRequest Request(string path, string key = "dir/object.bin", bool withStore = true, int concurrency = 1, long partSize = Part)
        => new()
        {
            BucketName = Bucket,
            ObjectKey = key,
            UploadFilePath = path,
            PartSize = partSize,
            MaxConcurrency = concurrency,
            CheckpointStore = withStore ? Store : null,
        };

    public byte[] StoredObject(string key = "dir/object.bin") => Fake.Objects[(Bucket, key)].Data;

    /// <summary>Makes the given part fail with a server error, as after the client's retries.</summary>
    public OssServiceException FailPart(int partNumber)
    {
        var error = new OssServiceException(500, "InternalError", "We encountered an internal error. Please try again.", requestId: "fake-500");
        Fake.BeforeUploadPart = (part, _) => part.PartNumber == partNumber ? Task.FromException(error) : Task.CompletedTask;
        return error;
    }

    public void Dispose() => Files.Dispose();
}
