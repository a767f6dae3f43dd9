namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Blobs as files under <c>DATA/blobs</c>, kept when the store is disposed so that unfinished uploads outlive a
/// restart (<see cref="UploadJournal"/> records which blobs they use and removes the rest). The store holds
/// <c>DATA/.lock</c> open while it runs, so that two servers never share the directory. On Unix the directories are
/// 0700 and the files 0600.
/// </summary>
internal sealed class PersistentBlobStore : BlobStore
{
    private const int FileBufferSize = 1024 * 1024;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly FileStream _lock;
    private int _disposed;

    public PersistentBlobStore(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        BlobDirectory = Path.Combine(DataDirectory, "blobs");
        CreatePrivateDirectory(DataDirectory);
        CreatePrivateDirectory(BlobDirectory);
        try
        {
            _lock = new FileStream(Path.Combine(DataDirectory, ".lock"), new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = FileOptions.DeleteOnClose });
        }
        catch (IOException ex)
        {
            throw new IOException($"The data directory {DataDirectory} is in use by another server.", ex);
        }
    }

    /// <summary>Gets the directory the server owns.</summary>
    public string DataDirectory { get; }

    /// <summary>Gets the directory of the blob files.</summary>
    public string BlobDirectory { get; }

    public override bool KeepsContent => true;

    public override BlobWriter CreateWriter()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new Writer(Path.Combine(BlobDirectory, Guid.NewGuid().ToString("N") + ".blob"));
    }

    /// <summary>A blob written by an earlier server, by its file name; null when the file is missing or of another length.</summary>
    public StoredBlob? Reopen(string fileName, long length, BodyHash hash)
    {
        if (Path.GetFileName(fileName) != fileName || !fileName.EndsWith(".blob", StringComparison.Ordinal))
        {
            return null;
        }

        string path = Path.Combine(BlobDirectory, fileName);
        var info = new FileInfo(path);
        return info.Exists && info.Length == length ? new Blob(path, length, hash) : null;
    }

    /// <summary>The file name of a blob of this store.</summary>
    public static string FileNameOf(StoredBlob blob) => Path.GetFileName(((Blob)blob).Path);

    /// <summary>Deletes every blob file whose name is not in <paramref name="keep"/>.</summary>
    public void DeleteAllExcept(IReadOnlySet<string> keep)
    {
        foreach (string path in System.IO.Directory.EnumerateFiles(BlobDirectory))
        {
            if (!keep.Contains(Path.GetFileName(path)))
            {
                TryDelete(path);
            }
        }
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _lock.Dispose();
        }
    }

    internal static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, PrivateDirectory);
        }
    }

    internal static FileStream CreatePrivateFile(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = FileBufferSize, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        return new FileStream(path, options);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private sealed class Writer(string path) : BlobWriter
    {
        private readonly FileStream _file = CreatePrivateFile(path);
        private bool _committed;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
            => _file.WriteAsync(data, cancellationToken);

        public override async ValueTask<StoredBlob> CommitAsync(long length, BodyHash hash, CancellationToken cancellationToken)
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            await _file.DisposeAsync().ConfigureAwait(false);
            _committed = true;
            return new Blob(path, length, hash);
        }

        public override async ValueTask DisposeAsync()
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            if (!_committed)
            {
                TryDelete(path);
            }
        }
    }

    private sealed class Blob(string path, long length, BodyHash hash) : StoredBlob(length, hash)
    {
        public string Path { get; } = path;

        public override Stream OpenRead()
            => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

        public override void Delete() => TryDelete(Path);
    }
}
