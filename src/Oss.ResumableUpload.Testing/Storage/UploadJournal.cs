using System.Text.Json;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Keeps the unfinished multipart uploads of a <see cref="OssTestStorageMode.Persistent"/> server in
/// <c>DATA/uploads/UPLOADID.json</c> (settings and parts, each naming its blob file), so that a server started again on
/// the directory has them back. Each change is written whole to a temporary file and renamed over the old one; a
/// snapshot older than one already written (or than the upload's end) is skipped, so racing writers never bring back
/// a stale state. Files that do not parse, and blobs no upload names, are deleted at start.
/// </summary>
internal sealed class UploadJournal
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };
    private readonly PersistentBlobStore _blobs;
    private readonly string _directory;
    private readonly Lock _writeGate = new();
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);
    private long _sequence;

    private UploadJournal(PersistentBlobStore blobs)
    {
        _blobs = blobs;
        _directory = Path.Combine(blobs.DataDirectory, "uploads");
        PrivateFiles.CreateDirectory(_directory);
    }

    /// <summary>Opens the journal and puts the uploads it holds into <paramref name="state"/>, creating their buckets.</summary>
    public static UploadJournal Open(PersistentBlobStore blobs, ServerState state)
    {
        var journal = new UploadJournal(blobs);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(journal._directory))
        {
            StoredUploadRecord? record = path.EndsWith(".json", StringComparison.Ordinal) ? Read(path) : null;
            UploadState? upload = record is null ? null : journal.Restore(record, used);
            if (upload is null)
            {
                PrivateFiles.TryDelete(path);
                continue;
            }

            lock (state.Gate)
            {
                state.Buckets.TryAdd(upload.Bucket, new SortedDictionary<string, ObjectState>(StringComparer.Ordinal));
                state.Uploads[upload.UploadId] = upload;
                state.Counters.TryAdd(upload.UploadId, new UploadCounters());
            }
        }

        blobs.DeleteAllExcept(used);
        return journal;
    }

    /// <summary>Writes the upload's current state; nothing when it no longer exists.</summary>
    public void Save(ServerState state, string uploadId)
    {
        StoredUploadRecord record;
        long sequence;
        lock (state.Gate)
        {
            if (!state.Uploads.TryGetValue(uploadId, out UploadState? upload))
            {
                return;
            }

            record = StoredUploadRecord.Of(upload);
            sequence = ++_sequence;
        }

        lock (_writeGate)
        {
            if (_written.TryGetValue(uploadId, out long last) && last >= sequence)
            {
                return;
            }

            _written[uploadId] = sequence;
            string path = PathOf(uploadId);
            string temporary = path + ".tmp";
            using (FileStream file = PrivateFiles.CreateFile(temporary, FileMode.Create))
            {
                JsonSerializer.Serialize(file, record, s_json);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>Removes a completed, aborted or dropped upload for good.</summary>
    public void Forget(string uploadId)
    {
        lock (_writeGate)
        {
            _written[uploadId] = long.MaxValue;
            PrivateFiles.TryDelete(PathOf(uploadId));
        }
    }

    /// <summary>At shutdown: deletes the blobs of objects (not kept across restarts), or everything when no upload is pending.</summary>
    public void Close(ServerState state)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        lock (state.Gate)
        {
            foreach (UploadState upload in state.Uploads.Values)
            {
                foreach (PartState part in upload.Parts.Values)
                {
                    keep.Add(PersistentBlobStore.FileNameOf(part.Blob));
                }
            }

            if (state.Uploads.Count == 0)
            {
                keep.Add(string.Empty);
            }
        }

        lock (_writeGate)
        {
            _blobs.DeleteAllExcept(keep);
            if (keep.Contains(string.Empty))
            {
                TryDeleteTree(_directory);
                TryDeleteTree(_blobs.BlobDirectory);
            }
        }
    }

    private static StoredUploadRecord? Read(string path)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            return file.Length > 64L * 1024 * 1024 ? null : JsonSerializer.Deserialize<StoredUploadRecord>(file, s_json);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDeleteTree(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private UploadState? Restore(StoredUploadRecord record, HashSet<string> used)
    {
        if (record.UploadId is not { Length: > 0 } || record.Bucket is not { Length: > 0 } || record.Key is not { Length: > 0 } || PathOf(record.UploadId) is not { } own || !File.Exists(own))
        {
            return null;
        }

        UploadState upload;
        try
        {
            upload = record.ToState();
        }
        catch (ArgumentException)
        {
            return null; // metadata names that differ only in case
        }

        foreach (StoredPartRecord part in record.Parts ?? [])
        {
            if (part.Blob is null || part.PartNumber is < 1 or > 10_000 || !Md5Value.TryParseBase64(part.Md5, out Md5Value md5))
            {
                continue;
            }

            StoredBlob? blob = _blobs.Reopen(part.Blob, part.Length, new BodyHash(md5, part.Crc64));
            if (blob is not null && used.Add(part.Blob))
            {
                upload.Parts[part.PartNumber] = new PartState(part.PartNumber, blob, part.LastModified);
            }
        }

        return upload;
    }

    private string PathOf(string uploadId)
    {
        // Upload ids are the server's own hex strings; anything else must not name a path.
        foreach (char c in uploadId)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return Path.Combine(_directory, "invalid");
            }
        }

        return Path.Combine(_directory, uploadId + ".json");
    }
}
