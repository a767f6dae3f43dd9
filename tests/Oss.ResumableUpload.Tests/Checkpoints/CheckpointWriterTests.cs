using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Checkpoints;

public sealed class CheckpointWriterTests
{
    [Fact]
    public async Task Saves_are_batched_for_a_thousand_parts()
    {
        (CountingStore store, CheckpointWriter writer) = await RunAsync(partCount: 1000);

        // One save per part would be 1,000; the 10% growth rule needs about 10 + log1.1(100) ≈ 58.
        Assert.InRange(writer.SaveCount, 20, 70);
        Assert.Equal(writer.SaveCount, store.Saves);
        Assert.True(CheckpointSerializer.TryDeserialize(store.Last!, out CheckpointDocument? last, out _));
        Assert.InRange(last!.Parts.Count, 900, 1000);
    }

    [Fact]
    public async Task Bytes_written_over_ten_thousand_parts_stay_within_twenty_times_the_final_document()
    {
        (CountingStore store, CheckpointWriter writer) = await RunAsync(partCount: 10_000);
        await writer.SaveAsync(CancellationToken.None);

        long finalSize = store.Last!.Length;
        Assert.True(writer.BytesWritten <= 20 * finalSize, $"{writer.BytesWritten} bytes written for a final document of {finalSize}");
        Assert.Equal(store.BytesSaved, writer.BytesWritten);
    }

    [Fact]
    public async Task Does_not_save_again_within_the_minimum_interval()
    {
        var time = new FakeTimeProvider();
        var store = new CountingStore();
        PartLayout layout = PartLayout.Compute(100L * 1024 * 1024, 1024 * 1024);
        var ledger = new PartLedger(layout);
        var writer = new CheckpointWriter(store, layout.ToCheckpointUpload(new CheckpointKey("b-b", "k", "fp"), "u", "/f"), ledger, new CheckpointSavePolicy(0.1, TimeSpan.FromSeconds(1)), time, NullLogger.Instance);

        for (int part = 1; part <= 50; part++)
        {
            ledger.MarkCompleted(part, "\"e\"", 1);
            await writer.OnPartCompletedAsync(CancellationToken.None);
        }

        Assert.Equal(0, store.Saves);
        time.Advance(TimeSpan.FromSeconds(1));
        ledger.MarkCompleted(51, "\"e\"", 1);
        await writer.OnPartCompletedAsync(CancellationToken.None);
        Assert.Equal(1, store.Saves);
    }

    [Fact]
    public async Task A_failing_store_is_logged_not_fatal()
    {
        PartLayout layout = PartLayout.Compute(10, 1024 * 1024);
        var ledger = new PartLedger(layout);
        var writer = new CheckpointWriter(new FailingStore(), layout.ToCheckpointUpload(new CheckpointKey("b-b", "k", "fp"), "u", "/f"), ledger, CheckpointSavePolicy.Default, TimeProvider.System, NullLogger.Instance);

        await writer.SaveAsync(CancellationToken.None);

        Assert.Equal(0, writer.SaveCount);
    }

    private static async Task<(CountingStore Store, CheckpointWriter Writer)> RunAsync(int partCount)
    {
        var time = new FakeTimeProvider();
        var store = new CountingStore();
        PartLayout layout = PartLayout.Compute(partCount * 100L * 1024, 100 * 1024);
        var ledger = new PartLedger(layout);
        var writer = new CheckpointWriter(store, layout.ToCheckpointUpload(new CheckpointKey("test-bucket", "a/key", "v1-fp"), "0004B9894A22E5B1888A1E29F8230000", "/data/file.bin"), ledger, CheckpointSavePolicy.Default, time, NullLogger.Instance);
        for (int part = 1; part <= partCount; part++)
        {
            ledger.MarkCompleted(part, $"\"{part:X32}\"", ulong.MaxValue - (ulong)part);
            time.Advance(TimeSpan.FromSeconds(1));
            await writer.OnPartCompletedAsync(CancellationToken.None);
        }

        return (store, writer);
    }

    private sealed class CountingStore : ICheckpointStore
    {
        private readonly ConcurrentDictionary<CheckpointKey, string> _documents = new();

        public int Saves { get; private set; }

        public long BytesSaved { get; private set; }

        public string? Last { get; private set; }

        public ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default) => new(_documents.GetValueOrDefault(key));

        public ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default)
        {
            Saves++;
            BytesSaved += checkpointJson.Length;
            Last = checkpointJson;
            _documents[key] = checkpointJson;
            return default;
        }

        public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default) => default;

        public IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default)
            => new SnapshotAsyncEnumerable<CheckpointKey>([]);
    }

    private sealed class FailingStore : ICheckpointStore
    {
        public ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default) => new((string?)null);

        public ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default) => default;

        public IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, CancellationToken cancellationToken = default)
            => new SnapshotAsyncEnumerable<CheckpointKey>([]);
    }
}
