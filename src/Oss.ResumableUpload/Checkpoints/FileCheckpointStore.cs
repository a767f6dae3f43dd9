using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Diagnostics;

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
/// The lock is released when the upload ends, or by the OS when the process dies. The lock file exists only while
/// the lock is held (on Linux and Windows; see docs/checkpoints.md), so a directory with nothing pending is empty.
/// Any other I/O error on the lock file is thrown as the <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/> it is.
/// </para>
/// </remarks>
public sealed class FileCheckpointStore : ICheckpointStore, ICheckpointLockProvider
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly ILogger _logger;
    private int _directorySyncCount;

    /// <summary>Initializes a new instance of the <see cref="FileCheckpointStore"/> class.</summary>
    /// <param name="directory">The directory for checkpoint files. It is created on the first save if it does not exist.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    public FileCheckpointStore(string directory)
        : this(directory, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileCheckpointStore"/> class that logs what it finds wrong in the directory.</summary>
    /// <param name="directory">The directory for checkpoint files. It is created on the first save if it does not exist.</param>
    /// <param name="loggerFactory">
    /// Creates the logger (category <c>Oss.ResumableUpload.FileCheckpointStore</c>) for warnings about damaged or
    /// untrusted files; null logs nothing.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    public FileCheckpointStore(string directory, ILoggerFactory? loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        DirectoryPath = Path.GetFullPath(directory);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Oss.ResumableUpload.FileCheckpointStore");
    }

    /// <summary>Gets the full path of the checkpoint directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>Gets how many times a save has synced the directory after its rename (for tests).</summary>
    internal int DirectorySyncCount => Volatile.Read(ref _directorySyncCount);

    /// <inheritdoc />
    public async ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(GetCheckpointPath(key), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        int newline = Array.IndexOf(content, (byte)'\n');
        CheckpointFileHeader? header = newline < 0 ? null : CheckpointFileHeader.TryParse(content.AsSpan(0, newline));
        if (header is null)
        {
            // Damaged: hand back everything, so that the engine reports it as corrupt rather than silently absent.
            return Encoding.UTF8.GetString(content);
        }

        return header.ToKey() == key ? Encoding.UTF8.GetString(content.AsSpan(newline + 1)) : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(CheckpointKey key, string checkpointJson, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(checkpointJson);
        byte[] headerBytes = CheckpointFileHeader.Serialize(key);
        EnsureDirectory();

        byte[] body = Encoding.UTF8.GetBytes(checkpointJson);

        string path = GetCheckpointPath(key);
        string temporary = Path.Combine(DirectoryPath, CheckpointFileNames.Temporary(key));
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

        // The data is on the disk; the rename is only once the directory is.
        if (DirectorySync.TryFlush(DirectoryPath))
        {
            Interlocked.Increment(ref _directorySyncCount);
        }
        else if (!OperatingSystem.IsWindows())
        {
            Log.CheckpointDirectoryNotSynced(_logger, DirectoryPath);
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
    /// <remarks>
    /// Only keys that <see cref="LoadAsync"/> and <see cref="DeleteAsync"/> accept are listed. A file of the object that
    /// no key can name (a damaged header, or a header that does not match the file's name) is deleted, with a
    /// warning, so that it does not stay forever. The engine lists while it holds the object's lock.
    /// </remarks>
    public async IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        ArgumentNullException.ThrowIfNull(objectKey);
        if (!Directory.Exists(DirectoryPath))
        {
            yield break;
        }

        string[] files = Directory.GetFiles(DirectoryPath, CheckpointFileNames.CheckpointPattern(CheckpointFileNames.ObjectHash(bucketName, objectKey)));
        foreach (string file in files)
        {
            (bool readable, CheckpointFileHeader? header) = await ReadHeaderAsync(file, cancellationToken).ConfigureAwait(false);
            if (!readable)
            {
                continue;
            }

            if (header is null)
            {
                RemoveDamaged(file, "its first line is not a valid header");
                continue;
            }

            CheckpointKey key = header.ToKey();
            if (!string.Equals(CheckpointFileNames.Checkpoint(key), Path.GetFileName(file), StringComparison.Ordinal))
            {
                RemoveDamaged(file, "its header names a key whose file name is another");
                continue;
            }

            if (string.Equals(key.BucketName, bucketName, StringComparison.Ordinal) && string.Equals(key.ObjectKey, objectKey, StringComparison.Ordinal))
            {
                yield return key;
            }
        }
    }

    IDisposable ICheckpointLockProvider.AcquireLock(string bucketName, string objectKey)
    {
        EnsureDirectory();
        FileCheckpointLock held = FileCheckpointLock.Acquire(Path.Combine(DirectoryPath, CheckpointFileNames.Lock(bucketName, objectKey)), bucketName, objectKey, FileMode0600);
        RemoveStaleTemporaryFiles(CheckpointFileNames.ObjectHash(bucketName, objectKey));
        return held;
    }

    /// <summary>The file name of a checkpoint, relative to the directory: hashes only.</summary>
    internal static string GetFileName(CheckpointKey key) => CheckpointFileNames.Checkpoint(key);

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

    private static void ValidateKey(CheckpointKey key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.BucketName, nameof(key));
        ArgumentException.ThrowIfNullOrEmpty(key.ObjectKey, nameof(key));
        ArgumentException.ThrowIfNullOrEmpty(key.FileFingerprint, nameof(key));
    }

    /// <summary>Reads the first line of a file, at most <see cref="CheckpointFileHeader.MaxLength"/> bytes of it.</summary>
    /// <returns>Whether the file could be read, and its header if the line is a valid one.</returns>
    private static async ValueTask<(bool Readable, CheckpointFileHeader? Header)> ReadHeaderAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            FileStream stream = new(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                byte[] buffer = new byte[CheckpointFileHeader.MaxLength + 1];
                int filled = 0;
                while (filled < buffer.Length)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    int newline = buffer.AsSpan(filled, read).IndexOf((byte)'\n');
                    if (newline >= 0)
                    {
                        return (true, CheckpointFileHeader.TryParse(buffer.AsSpan(0, filled + newline)));
                    }

                    filled += read;
                }

                return (true, null);
            }
        }
        catch (IOException)
        {
            // Deleted or replaced between the listing and the read.
            return (false, null);
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to read, so not ours to judge or delete either.
            return (false, null);
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

    /// <summary>
    /// Deletes the temporary files of one object. Called with the object's lock held: every save of the object runs
    /// under that lock, so any temporary file of it is left over from a save that was killed.
    /// </summary>
    private void RemoveStaleTemporaryFiles(string objectHash)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(DirectoryPath, CheckpointFileNames.TemporaryPattern(objectHash));
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            // A directory we may write but not list: nothing to clean that we could find.
            return;
        }

        foreach (string file in files)
        {
            if (file.EndsWith(CheckpointFileNames.TemporaryExtension, StringComparison.Ordinal))
            {
                TryDelete(file);
                Log.StaleTemporaryFileRemoved(_logger, file);
            }
        }
    }

    private void RemoveDamaged(string file, string reason)
    {
        TryDelete(file);
        Log.DamagedCheckpointFileRemoved(_logger, file, reason);
    }

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
}
