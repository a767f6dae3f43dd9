namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Streams blobs to files in a directory of the server's own, removed when the store is disposed (with the data
/// directory too, when the store created it). On Unix the directories are 0700 and the files 0600.
/// </summary>
internal sealed class DirectoryBlobStore : BlobStore
{
    private const int FileBufferSize = 1024 * 1024;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _dataDirectory;
    private readonly bool _createdDataDirectory;
    private readonly string _root;
    private long _nextId;
    private int _disposed;

    public DirectoryBlobStore(string dataDirectory)
    {
        _dataDirectory = Path.GetFullPath(dataDirectory);
        _createdDataDirectory = !System.IO.Directory.Exists(_dataDirectory);
        _root = Path.Combine(_dataDirectory, "oss-test-server-" + Guid.NewGuid().ToString("N"));
        CreatePrivateDirectory(_dataDirectory);
        CreatePrivateDirectory(_root);
    }

    /// <summary>Gets the directory that holds this server's files.</summary>
    public string Root => _root;

    public override bool KeepsContent => true;

    public override BlobWriter CreateWriter()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string path = Path.Combine(_root, Interlocked.Increment(ref _nextId).ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + ".blob");
        return new Writer(path);
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A writer that started just before disposal may add a file while the tree is being deleted; try again then.
        for (int attempt = 1; attempt <= 5 && System.IO.Directory.Exists(_root); attempt++)
        {
            try
            {
                System.IO.Directory.Delete(_root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(20 * attempt);
            }
        }

        if (_createdDataDirectory)
        {
            try
            {
                // Only when empty: never delete what someone else put there meanwhile.
                System.IO.Directory.Delete(_dataDirectory, recursive: false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static void CreatePrivateDirectory(string path)
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

    private static FileStream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = FileBufferSize,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        return new FileStream(path, options);
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
        public override Stream OpenRead()
            => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

        public override void Delete() => TryDelete(path);
    }
}
