using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload;

/// <summary>
/// Stores checkpoints as files in one directory; <see cref="ResumableUploadRequest.CheckpointDirectory"/> uses it.
/// </summary>
/// <remarks>
/// <para>
/// File names are hashes (<c>{object hash}-{fingerprint hash}.ckpt</c>), never built from bucket names, keys or
/// paths, so any key (Unicode, slashes, <c>..</c>, any length) is safe. The first line of each file records the key
/// it was saved under; a mismatch is treated as absent.
/// </para>
/// <para>
/// A save writes a temporary file, flushes it to the disk and renames it over the old one, so a crash leaves either
/// the old or the new checkpoint, never a torn one. On Unix, files are created with mode 0600 and a directory the
/// store creates with mode 0700.
/// </para>
/// <para>
/// While an upload runs, it holds an OS-level lock on <c>{object hash}.lock</c> (an exclusive open, which is
/// <c>flock</c> on Unix). A second upload of the same object with the same directory, in this process or in another,
/// fails at once with <see cref="OssClientException"/> and <see cref="OssClientErrorCode.CheckpointLocked"/>.
/// The lock is released when the upload ends, or by the OS when the process dies. The empty lock files stay.
/// </para>
/// </remarks>
public sealed class FileCheckpointStore : ICheckpointStore, ICheckpointLockProvider
{
    private const string CheckpointExtension = ".ckpt";
    private const string LockExtension = ".lock";
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Lock paths held by this process; makes in-process contention certain even where the OS lock is advisory.
    private static readonly ConcurrentDictionary<string, byte> s_heldLocks = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="FileCheckpointStore"/> class.</summary>
    /// <param name="directory">The directory for checkpoint files. It is created on the first save if it does not exist.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    public FileCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        DirectoryPath = Path.GetFullPath(directory);
    }

    /// <summary>Gets the full path of the checkpoint directory.</summary>
    public string DirectoryPath { get; }

    /// <inheritdoc />
    public async ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        string path = GetCheckpointPath(key);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        CheckpointFileHeader? header = newline < 0 ? null : TryParseHeader(text.AsSpan(0, newline));
        if (header is null)
        {
            // Damaged: hand back everything, so that the engine reports it as corrupt rather than silently absent.
            return text;
        }

        return Matches(header, key) ? text[(newline + 1)..] : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(checkpointJson);
        EnsureDirectory();

        var header = new CheckpointFileHeader { BucketName = key.BucketName, ObjectKey = key.ObjectKey, Fingerprint = key.FileFingerprint };
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, CheckpointJsonContext.Default.CheckpointFileHeader);
        byte[] body = Encoding.UTF8.GetBytes(checkpointJson);

        string path = GetCheckpointPath(key);
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            FileStream stream = new(temporary, CreateOptions(FileMode.CreateNew, FileAccess.Write, FileOptions.Asynchronous));
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(headerBytes, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(GetCheckpointPath(key));
        }
        catch (DirectoryNotFoundException)
        {
        }

        return default;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        ArgumentNullException.ThrowIfNull(objectKey);
        if (!Directory.Exists(DirectoryPath))
        {
            yield break;
        }

        string[] files = Directory.GetFiles(DirectoryPath, HashObject(bucketName, objectKey) + "-*" + CheckpointExtension);
        foreach (string file in files)
        {
            CheckpointFileHeader? header = await ReadHeaderAsync(file, cancellationToken).ConfigureAwait(false);
            if (header is not null
                && string.Equals(header.BucketName, bucketName, StringComparison.Ordinal)
                && string.Equals(header.ObjectKey, objectKey, StringComparison.Ordinal))
            {
                yield return new CheckpointKey(header.BucketName, header.ObjectKey, header.Fingerprint);
            }
        }
    }

    IDisposable ICheckpointLockProvider.AcquireLock(string bucketName, string objectKey)
    {
        EnsureDirectory();
        string lockPath = Path.Combine(DirectoryPath, HashObject(bucketName, objectKey) + LockExtension);
        if (!s_heldLocks.TryAdd(lockPath, 0))
        {
            throw CheckpointLockError.Create(bucketName, objectKey, lockPath);
        }

        try
        {
            var stream = new FileStream(lockPath, CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileOptions.None));
            return new FileLock(stream, lockPath);
        }
        catch (IOException ex)
        {
            s_heldLocks.TryRemove(lockPath, out _);
            throw CheckpointLockError.Create(bucketName, objectKey, lockPath, ex);
        }
        catch
        {
            s_heldLocks.TryRemove(lockPath, out _);
            throw;
        }
    }

    /// <summary>The file name of a checkpoint, relative to the directory: hashes only.</summary>
    internal static string GetFileName(CheckpointKey key)
    {
        string objectHash = HashObject(key.BucketName, key.ObjectKey);
        return objectHash + "-" + Hash(objectHash + "\n" + key.FileFingerprint) + CheckpointExtension;
    }

    /// <summary>Exclusive access; on Unix a new file gets mode 0600 from its creation on, with no window in between.</summary>
    private static FileStreamOptions CreateOptions(FileMode mode, FileAccess access, FileOptions options)
    {
        var result = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            result.UnixCreateMode = FileMode0600;
        }

        return result;
    }

    private static string HashObject(string bucketName, string objectKey) => Hash(bucketName + "\n" + objectKey);

    private static string Hash(string value)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    private static void ValidateKey(CheckpointKey key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.BucketName, nameof(key));
        ArgumentException.ThrowIfNullOrEmpty(key.ObjectKey, nameof(key));
        ArgumentException.ThrowIfNullOrEmpty(key.FileFingerprint, nameof(key));
    }

    private static bool Matches(CheckpointFileHeader header, CheckpointKey key)
        => string.Equals(header.BucketName, key.BucketName, StringComparison.Ordinal)
            && string.Equals(header.ObjectKey, key.ObjectKey, StringComparison.Ordinal)
            && string.Equals(header.Fingerprint, key.FileFingerprint, StringComparison.Ordinal);

    private static CheckpointFileHeader? TryParseHeader(ReadOnlySpan<char> line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, CheckpointJsonContext.Default.CheckpointFileHeader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async ValueTask<CheckpointFileHeader?> ReadHeaderAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            string? line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            return line is null ? null : TryParseHeader(line);
        }
        catch (IOException)
        {
            // Deleted or replaced between the listing and the read.
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string GetCheckpointPath(CheckpointKey key) => Path.Combine(DirectoryPath, GetFileName(key));

    private void EnsureDirectory()
    {
        if (Directory.Exists(DirectoryPath))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DirectoryPath);
        }
        else
        {
            Directory.CreateDirectory(DirectoryPath, DirectoryMode0700);
        }
    }

    private sealed class FileLock(FileStream stream, string lockPath) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                stream.Dispose();
                s_heldLocks.TryRemove(lockPath, out _);
            }
        }
    }
}
