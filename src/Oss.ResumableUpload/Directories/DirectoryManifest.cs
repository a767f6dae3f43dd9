using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Directories;

/// <summary>
/// The record, in the checkpoint directory, of the files of one tree (bucket, key prefix, local directory) already
/// uploaded, with the fingerprint each had (size, last write time) and the object's ETag and CRC-64. A later run
/// skips a file whose fingerprint still matches and whose object the server confirms (size and CRC-64).
/// </summary>
/// <remarks>
/// The file is read as hostile input: at most <see cref="MaxBytes"/>, and every record is checked; a manifest that
/// is unreadable, malformed or for another tree counts as absent, which only costs uploads, never skips a file
/// wrongly on its own (the server still confirms). Saves write a temporary file and rename it over the old one, so a
/// kill leaves the old manifest or the new one, never a torn one. Saves are batched (at most one per
/// <see cref="SaveInterval"/> while files complete); a file completed after the last save is found again by the
/// server check of the next run.
/// </remarks>
internal sealed class DirectoryManifest
{
    public const long MaxBytes = 64L * 1024 * 1024;

    private const int MaxPathLength = 4096;
    private const int MaxETagLength = 256;

    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly DirectoryManifestDocument _document;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly Lock _gate = new();
    private long _lastSave;
    private bool _dirty;

    private DirectoryManifest(string path, DirectoryManifestDocument document, bool existed, TimeProvider timeProvider)
    {
        _path = path;
        _document = document;
        Existed = existed;
        _timeProvider = timeProvider;
        _lastSave = timeProvider.GetTimestamp();
    }

    /// <summary>Gets a value indicating whether a manifest was there: a previous run of the same tree did not finish.</summary>
    public bool Existed { get; }

    /// <summary>Opens the manifest of the tree in <paramref name="checkpointDirectory"/>, or an empty one.</summary>
    public static DirectoryManifest Open(string checkpointDirectory, string bucketName, string keyPrefix, string localDirectory, TimeProvider timeProvider)
    {
        string path = Path.Combine(checkpointDirectory, FileName(bucketName, keyPrefix, localDirectory));
        DirectoryManifestDocument? loaded = TryLoad(path, bucketName, keyPrefix, localDirectory);
        var document = loaded ?? new DirectoryManifestDocument
        {
            Version = DirectoryManifestDocument.CurrentVersion,
            BucketName = bucketName,
            KeyPrefix = keyPrefix,
            LocalDirectory = localDirectory,
        };
        return new DirectoryManifest(path, document, loaded is not null, timeProvider);
    }

    /// <summary><c>tree-{128 bits of SHA-256 of bucket, prefix and directory}.manifest</c>: no name or path appears in it.</summary>
    public static string FileName(string bucketName, string keyPrefix, string localDirectory)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(bucketName + "\n" + keyPrefix + "\n" + localDirectory));
        return "tree-" + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + ".manifest";
    }

    /// <summary>The record of <paramref name="file"/> when its fingerprint still matches.</summary>
    public ManifestFileRecord? Find(LocalTreeFile file)
    {
        lock (_gate)
        {
            return _document.Files.TryGetValue(file.RelativePath, out ManifestFileRecord? record)
                   && record.Size == file.Size && record.LastWriteTicks == file.LastWriteTimeUtc.Ticks
                ? record
                : null;
        }
    }

    /// <summary>Records an uploaded file and saves when the last save is old enough.</summary>
    public async Task RecordAsync(LocalTreeFile file, string eTag, ulong? crc64, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _document.Files[file.RelativePath] = new ManifestFileRecord { Size = file.Size, LastWriteTicks = file.LastWriteTimeUtc.Ticks, ETag = eTag, Crc64 = crc64 };
            _dirty = true;
        }

        if (_timeProvider.GetElapsedTime(Interlocked.Read(ref _lastSave)) >= SaveInterval)
        {
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the manifest now even when it records nothing yet: its presence tells the next run that this one may
    /// have completed files it did not get to record, so that run checks them against the server before sending.
    /// </summary>
    public Task SaveMarkerAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _dirty = true;
        }

        return SaveAsync(cancellationToken);
    }

    /// <summary>Writes the manifest if it changed since the last save: a temporary file renamed over the old one.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] json;
            lock (_gate)
            {
                if (!_dirty)
                {
                    return;
                }

                json = JsonSerializer.SerializeToUtf8Bytes(_document, DirectoryManifestJsonContext.Default.DirectoryManifestDocument);
                _dirty = false;
            }

            string directory = Path.GetDirectoryName(_path)!;
            Directory.CreateDirectory(directory);
            string temporary = _path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, _path, overwrite: true);
                DirectorySync.TryFlush(directory);
            }
            catch
            {
                CheckpointDirectoryCleaner.TryDelete(temporary);
                lock (_gate)
                {
                    _dirty = true;
                }

                throw;
            }

            Interlocked.Exchange(ref _lastSave, _timeProvider.GetTimestamp());
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>Deletes the manifest: the whole tree is on the server.</summary>
    public void Delete() => CheckpointDirectoryCleaner.TryDelete(_path);

    private static DirectoryManifestDocument? TryLoad(string path, string bucketName, string keyPrefix, string localDirectory)
    {
        DirectoryManifestDocument? document;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxBytes)
            {
                return null;
            }

            document = JsonSerializer.Deserialize(stream, DirectoryManifestJsonContext.Default.DirectoryManifestDocument);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }

        if (document is null
            || document.Version != DirectoryManifestDocument.CurrentVersion
            || !string.Equals(document.BucketName, bucketName, StringComparison.Ordinal)
            || !string.Equals(document.KeyPrefix, keyPrefix, StringComparison.Ordinal)
            || !string.Equals(document.LocalDirectory, localDirectory, StringComparison.Ordinal)
            || document.Files is null)
        {
            return null;
        }

        var files = new Dictionary<string, ManifestFileRecord>(document.Files.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, ManifestFileRecord> pair in document.Files)
        {
            if (IsValid(pair.Key, pair.Value))
            {
                files[pair.Key] = pair.Value;
            }
        }

        document.Files = files;
        return document;
    }

    private static bool IsValid(string relativePath, ManifestFileRecord? record)
        => record is not null
           && relativePath.Length is > 0 and <= MaxPathLength
           && record.Size >= 0
           && record.LastWriteTicks is >= 0 and <= 3155378975999999999 // DateTime.MaxValue.Ticks
           && record.ETag is { Length: > 0 and <= MaxETagLength };
}
