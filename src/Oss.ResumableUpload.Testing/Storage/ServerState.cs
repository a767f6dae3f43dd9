using System.Collections.Concurrent;
using System.Globalization;

namespace Oss.ResumableUpload.Testing;

/// <summary>Buckets, objects and unfinished uploads. Every read or change of the maps happens under <see cref="Gate"/>; no I/O does.</summary>
internal sealed class ServerState
{
    private readonly long _uploadIdBase;
    private long _uploadSequence;

    public ServerState(TimeProvider time)
    {
        _uploadIdBase = time.GetUtcNow().UtcTicks;
    }

    public Lock Gate { get; } = new();

    /// <summary>Buckets by name; each holds its objects by key (ordinal order).</summary>
    public Dictionary<string, SortedDictionary<string, ObjectState>> Buckets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UploadState> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>Part body bytes received per upload id the server issued, whatever became of the requests. Lock-free.</summary>
    public ConcurrentDictionary<string, UploadCounters> Counters { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes an upload id that sorts in creation order: 16 hex digits of sequence, 16 of randomness.</summary>
    public string NewUploadId()
    {
        long sequence = _uploadIdBase + Interlocked.Increment(ref _uploadSequence);
        return sequence.ToString("X16", CultureInfo.InvariantCulture) + Random.Shared.NextInt64().ToString("X16", CultureInfo.InvariantCulture);
    }

    /// <summary>Removes an upload and returns its part blobs for deletion outside the lock. Caller holds <see cref="Gate"/>.</summary>
    public List<StoredBlob> RemoveUploadLocked(UploadState upload)
    {
        Uploads.Remove(upload.UploadId);
        var blobs = new List<StoredBlob>(upload.Parts.Count);
        foreach (PartState part in upload.Parts.Values)
        {
            blobs.Add(part.Blob);
        }

        upload.Parts.Clear();
        return blobs;
    }

    public static void DeleteAll(IEnumerable<StoredBlob> blobs)
    {
        foreach (StoredBlob blob in blobs)
        {
            blob.Delete();
        }
    }
}

/// <summary>Running totals for one upload id.</summary>
internal sealed class UploadCounters
{
    private readonly ConcurrentDictionary<int, long> _byPart = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public long ForPart(int partNumber) => _byPart.TryGetValue(partNumber, out long value) ? value : 0;

    public void Add(int partNumber, long bytes)
    {
        Interlocked.Add(ref _total, bytes);
        _byPart.AddOrUpdate(partNumber, bytes, (_, current) => current + bytes);
    }
}
