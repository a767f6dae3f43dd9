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
/// <para>
/// On Unix, a file is believed only if the current user owns it and neither group nor others can write it (and it
/// is not a symbolic link): anyone who can write the directory could otherwise plant a checkpoint naming another
/// person's upload, which the engine would resume or abort. Other files are treated as absent with a warning, and a
/// file another user owns is never deleted. A directory that group or others can write without the sticky bit is
/// warned about once per store. Pass a logger factory to see these warnings.
/// </para>
/// </remarks>
public sealed class FileCheckpointStore : ICheckpointStore, ICheckpointLockProvider
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly ILogger _logger;
    private readonly CheckpointDirectoryCleaner _cleaner;
    private int _directorySyncCount;
    private int _directoryChecked;

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
    /// Creates the logger (category <see cref="OssDiagnostics.LogCategories.Checkpoints"/>, <c>Oss.ResumableUpload.Checkpoints</c>)
    /// for warnings about damaged or untrusted files; null logs nothing.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    public FileCheckpointStore(string directory, ILoggerFactory? loggerFactory)
        : this(directory, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(OssDiagnostics.LogCategories.Checkpoints))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileCheckpointStore"/> class that logs to <paramref name="logger"/> (the client's checkpoint logger).</summary>
    /// <param name="directory">The directory for checkpoint files.</param>
    /// <param name="logger">The logger for warnings about damaged or untrusted files.</param>
    internal FileCheckpointStore(string directory, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(logger);
        DirectoryPath = Path.GetFullPath(directory);
        _logger = logger;
        _cleaner = new CheckpointDirectoryCleaner(DirectoryPath, _logger);
    }

    /// <summary>Gets the full path of the checkpoint directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>Gets how many times a save has synced the directory after its rename (for tests).</summary>
    internal int DirectorySyncCount => Volatile.Read(ref _directorySyncCount);

    /// <inheritdoc />
    /// <remarks>A file that is not trusted (see docs/checkpoints.md: on Unix, owned by another user, writable by group or others, or a symbolic link) is treated as absent, with a warning.</remarks>
    public async ValueTask<string?> LoadAsync(CheckpointKey key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        WarnIfDirectoryIsOpen();
        string path = GetCheckpointPath(key);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        byte[] content;
        using (handle)
        {
            if (!IsTrusted(path, handle))
            {
                return null;
            }

            content = await ReadAllAsync(handle, path, cancellationToken).ConfigureAwait(false);
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
            _ = CheckpointDirectoryCleaner.TryDelete(temporary);
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
    /// <remarks>On Unix, a file another user owns is never deleted (a warning is logged instead).</remarks>
    public ValueTask DeleteAsync(CheckpointKey key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        WarnIfDirectoryIsOpen();
        string path = GetCheckpointPath(key);
        if (CheckpointFileTrust.ForeignOwner(path) is uint owner)
        {
            Log.ForeignCheckpointFileKept(_logger, path, owner);
            return default;
        }

        try
        {
            File.Delete(path);
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
    /// an upload of the object releases its lock. Untrusted files (see <see cref="LoadAsync"/>) are skipped with a warning.
    /// </remarks>
    public async IAsyncEnumerable<CheckpointKey> ListAsync(string bucketName, string objectKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        ArgumentNullException.ThrowIfNull(objectKey);
        WarnIfDirectoryIsOpen();
        foreach (string file in CheckpointDirectoryCleaner.ListFiles(DirectoryPath, CheckpointFileNames.CheckpointPattern(CheckpointFileNames.ObjectHash(bucketName, objectKey))))
        {
            CheckpointFileHeader? header;
            using (SafeFileHandle? handle = CheckpointDirectoryCleaner.TryOpenForReading(file))
            {
                if (handle is null || !IsTrusted(file, handle))
                {
                    continue;
                }

                header = await CheckpointFileHeader.ReadAsync(handle, cancellationToken).ConfigureAwait(false);
            }

            if (header is not null
                && CheckpointDirectoryCleaner.IsNamedFor(file, header)
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
            Path.Combine(DirectoryPath, CheckpointFileNames.Lock(bucketName, objectKey)), bucketName, objectKey, FileMode0600, () => _cleaner.RemoveUnusableCheckpoints(objectHash));
        try
        {
            _cleaner.RemoveStaleTemporaryFiles(objectHash);
        }
        catch
        {
            held.Dispose();
            throw;
        }

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

    private static async ValueTask<byte[]> ReadAllAsync(SafeFileHandle handle, string path, CancellationToken cancellationToken)
    {
        long length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength)
        {
            throw new IOException($"The checkpoint file {path} is {length} bytes long, too long to be one.");
        }

        byte[] content = new byte[length];
        int filled = 0;
        while (filled < content.Length)
        {
            int read = await RandomAccess.ReadAsync(handle, content.AsMemory(filled), filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return content[..filled];
            }

            filled += read;
        }

        return content;
    }

    private string GetCheckpointPath(CheckpointKey key) => Path.Combine(DirectoryPath, GetFileName(key));

    /// <summary>Whether the file may be believed; logs why not.</summary>
    private bool IsTrusted(string file, SafeFileHandle handle)
    {
        string? problem = CheckpointFileTrust.ProblemWith(file, handle);
        if (problem is not null)
        {
            Log.UntrustedCheckpointFileIgnored(_logger, file, problem);
        }

        return problem is null;
    }

    /// <summary>Warns, once per store, when others can remove or replace files in the directory.</summary>
    private void WarnIfDirectoryIsOpen()
    {
        if (OperatingSystem.IsWindows() || Volatile.Read(ref _directoryChecked) != 0)
        {
            return;
        }

        string? problem;
        try
        {
            problem = CheckpointFileTrust.DirectoryProblem(DirectoryPath);
        }
        catch (IOException)
        {
            // Not there yet: checked once it is.
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        if (Interlocked.Exchange(ref _directoryChecked, 1) == 0 && problem is not null)
        {
            Log.CheckpointDirectoryOpenToOthers(_logger, DirectoryPath, problem);
        }
    }

    private void EnsureDirectory()
    {
        if (!Directory.Exists(DirectoryPath))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(DirectoryPath);
            }
            else
            {
                Directory.CreateDirectory(DirectoryPath, DirectoryMode0700);
            }
        }

        WarnIfDirectoryIsOpen();
    }
}
