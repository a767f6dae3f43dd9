using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// The window between InitiateMultipartUpload reaching the server and the first checkpoint save: an intent saved
/// before Initiate lets the next call (or this one, on a failure) abort exactly the upload that may have been created.
/// </summary>
public sealed class InitiateIntentTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private const string Key = "dir/object.bin";
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_intent_is_in_the_store_while_Initiate_is_in_flight()
    {
        string path = _h.Files.Create(3 * Part);
        string? seen = null;
        _h.Fake.ThrowAfterInitiate = null;
        var store = new ObservingStore(_h.Store, () => _h.Fake.CallsOf("Initiate").Any() ? null : "before");
        ResumableUploadRequest request = _h.Request(path);
        request = new ResumableUploadRequest { BucketName = request.BucketName, ObjectKey = Key, UploadFilePath = path, PartSize = Part, CheckpointStore = store };

        await _h.CreateUploader().UploadAsync(request, CancellationToken.None);

        seen = store.FirstSaveBeforeInitiate;
        Assert.NotNull(seen);
        Assert.True(CheckpointSerializer.TryDeserialize(seen, out CheckpointDocument? intent, out _));
        Assert.True(InitiateIntent.IsIntent(intent!));
        Assert.Equal(_h.Time.GetUtcNow(), intent!.InitiatingAt);
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task A_lost_Initiate_reply_is_aborted_at_once_and_leaves_nothing()
    {
        string path = _h.Files.Create(3 * Part);
        var network = new OssClientException(OssClientErrorCode.NetworkFailure, "The connection was reset.");
        _h.Fake.ThrowAfterInitiate = network;

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));

        Assert.Same(network, error);
        Assert.Empty(_h.Fake.Uploads);
        Assert.Single(_h.Fake.CallsOf("Abort"));
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task An_intent_left_by_a_dead_process_aborts_only_that_keys_uploads_from_around_its_time()
    {
        string path = _h.Files.Create(3 * Part);
        CheckpointKey key = await KeyOfAsync(path);
        var intent = new InitiateIntent(_h.Fake, _h.Logger.CreateLogger("test"), _h.Time);
        Assert.True(await intent.SaveAsync(_h.Store, key, path, PartLayout.Compute(3 * Part, Part), CancellationToken.None));

        // What the dead process created, and uploads it did not: an older one of the same key and one of another key.
        _h.Fake.Uploads["left-behind"] = new FakeUpload(EngineHarness.Bucket, Key, null) { Initiated = _h.Time.GetUtcNow().AddSeconds(2) };
        _h.Fake.Uploads["older"] = new FakeUpload(EngineHarness.Bucket, Key, null) { Initiated = _h.Time.GetUtcNow().AddHours(-3) };
        _h.Fake.Uploads["other-key"] = new FakeUpload(EngineHarness.Bucket, Key + ".other", null) { Initiated = _h.Time.GetUtcNow() };

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.False(result.Resumed);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        Assert.Equal(["older", "other-key"], _h.Fake.Uploads.Keys.Order(StringComparer.Ordinal));
        Assert.True(_h.Logger.Has(2024));
        Assert.Equal(0, _h.Store.Count);
    }

    private static async Task<CheckpointKey> KeyOfAsync(string path)
    {
        using FileUploadSource source = FileUploadSource.Open(path);
        return new CheckpointKey(EngineHarness.Bucket, Key, await CheckpointSessionFactory.ComputeFingerprintAsync(new ResumableUploadRequest { BucketName = EngineHarness.Bucket, ObjectKey = Key, UploadFilePath = path }, source, System.Buffers.ArrayPool<byte>.Shared, CancellationToken.None));
    }

    /// <summary>Records the first document saved while no Initiate has been sent.</summary>
    private sealed class ObservingStore(InMemoryCheckpointStore inner, Func<string?> phase) : ICheckpointStore
    {
        public string? FirstSaveBeforeInitiate { get; private set; }

        public ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default) => inner.LoadAsync(key, cancellationToken);

        public ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default)
        {
            if (phase() is not null)
            {
                FirstSaveBeforeInitiate ??= checkpointJson;
            }

            return inner.SaveAsync(key, checkpointJson, cancellationToken);
        }

        public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default) => inner.ListAsync(bucketName, objectKey, cancellationToken);
    }
}
