namespace Oss.ResumableUpload.Testing;

/// <summary>Streams blobs to files in a directory of the server's own, removed when the store is disposed.</summary>
internal sealed class DirectoryBlobStore : BlobStore
{
    private const int FileBufferSize = 1024 * 1024;
    private readonly string _root;
    private long _nextId;

    public DirectoryBlobStore(string dataDirectory)
    {
        _root = Path.Combine(Path.GetFullPath(dataDirectory), "oss-test-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(_root);
    }

    /// <summary>Gets the directory that holds this server's files.</summary>
    public string Root => _root;

    public override bool KeepsContent => true;

    public override BlobWriter CreateWriter()
    {
        string path = Path.Combine(_root, Interlocked.Increment(ref _nextId).ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + ".blob");
        return new Writer(path);
    }

    public override void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A reader may still hold a file open; the directory is then left behind.
        }
        catch (UnauthorizedAccessException)
        {
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

    private sealed class Writer(string path) : BlobWriter
    {
        private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, FileBufferSize, FileOptions.Asynchronous);
        private bool _committed;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
            => _file.WriteAsync(data, cancellationToken);

        public override async ValueTask<StoredBlob> CommitAsync(long length, PartHash hash, CancellationToken cancellationToken)
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

    private sealed class Blob(string path, long length, PartHash hash) : StoredBlob(length, hash)
    {
        public override Stream OpenRead()
            => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

        public override void Delete() => TryDelete(path);
    }
}
