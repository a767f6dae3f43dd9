using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;
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
    /// Only keys that <see cref="LoadAsync"/> and <see cref="DeleteAsync"/> accept are listed: a file whose header is
    /// damaged, or names a key whose file name is another, is skipped. Such files are removed, with a warning, when
    /// an upload of the object releases its lock.
    /// </remarks>
    public async IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        ArgumentNullException.ThrowIfNull(objectKey);
        foreach (string file in ListObjectFiles(CheckpointFileNames.CheckpointPattern(CheckpointFileNames.ObjectHash(bucketName, objectKey))))
        {
            CheckpointFileHeader? header;
            using (SafeFileHandle? handle = TryOpenForReading(file))
            {
                if (handle is null)
                {
                    continue;
                }

                header = await CheckpointFileHeader.ReadAsync(handle, cancellationToken).ConfigureAwait(false);
            }

            if (header is not null
                && IsNamedFor(file, header)
                && string.Equals(header.BucketName, bucketName, StringComparison.Ordinal)
                && string.Equals(header.ObjectKey, objectKey, StringComparison.Ordinal))
            {
                yield return header.ToKey();
            }
        }
    }

    IDisposable ICheckpointLockProvider.AcquireLock(string bucketName, string objectKey)
    {
        EnsureDirectory();
        string objectHash = CheckpointFileNames.ObjectHash(bucketName, objectKey);
        FileCheckpointLock held = FileCheckpointLock.Acquire(
            Path.Combine(DirectoryPath, CheckpointFileNames.Lock(bucketName, objectKey)), bucketName, objectKey, FileMode0600, () => RemoveDamagedFiles(objectHash));
        RemoveStaleTemporaryFiles(objectHash);
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

    private static bool IsNamedFor(string file, CheckpointFileHeader header)
        => string.Equals(CheckpointFileNames.Checkpoint(header.ToKey()), Path.GetFileName(file), StringComparison.Ordinal);

    /// <summary>Opens a file of the directory for reading.</summary>
    /// <returns>The handle, or null when the file is gone or cannot be read.</returns>
    private static SafeFileHandle? TryOpenForReading(string file)
    {
        try
        {
            return File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        }
        catch (IOException)
        {
            // Deleted or replaced between the listing and the open.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to read, so not ours to judge or delete either.
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

    /// <summary>
    /// Deletes the temporary files of one object. Called with the object's lock held: every save of the object runs
    /// under that lock, so any temporary file of it is left over from a save that was killed.
    /// </summary>
    private void RemoveStaleTemporaryFiles(string objectHash)
    {
        foreach (string file in ListObjectFiles(CheckpointFileNames.TemporaryPattern(objectHash)))
        {
            if (file.EndsWith(CheckpointFileNames.TemporaryExtension, StringComparison.Ordinal))
            {
                TryDelete(file);
                Log.StaleTemporaryFileRemoved(_logger, file);
            }
        }
    }

    /// <summary>
    /// Deletes the object's files that no key can name. Runs while the object's lock is still held, at the end of an
    /// upload: by then the engine has loaded (and reported) or replaced the current fingerprint's file, so what is
    /// left damaged belongs to nobody.
    /// </summary>
    private void RemoveDamagedFiles(string objectHash)
    {
        foreach (string file in ListObjectFiles(CheckpointFileNames.CheckpointPattern(objectHash)))
        {
            CheckpointFileHeader? header;
            using (SafeFileHandle? handle = TryOpenForReading(file))
            {
                if (handle is null)
                {
                    continue;
                }

                try
                {
                    header = CheckpointFileHeader.Read(handle);
                }
                catch (IOException)
                {
                    continue;
                }
            }

            string? damage = header is null ? "its first line is not a valid header"
                : !IsNamedFor(file, header) ? "its header names a key whose file name is another"
                : null;
            if (damage is not null)
            {
                TryDelete(file);
                Log.DamagedCheckpointFileRemoved(_logger, file, damage);
            }
        }
    }

    /// <summary>The files of the directory that match <paramref name="pattern"/>; none when it cannot be listed.</summary>
    private string[] ListObjectFiles(string pattern)
    {
        try
        {
            return Directory.Exists(DirectoryPath) ? Directory.GetFiles(DirectoryPath, pattern) : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            // A directory we may write but not list.
            return [];
        }
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
