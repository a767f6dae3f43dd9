namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Streams blobs to files in a directory of the server's own, removed when the store is disposed (with the data
/// directory too, when the store created it). On Unix the directories are 0700 and the files 0600.
/// </summary>
internal sealed class DirectoryBlobStore : BlobStore
{
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
        PrivateFiles.CreateDirectory(_dataDirectory);
        PrivateFiles.CreateDirectory(_root);
    }

    /// <summary>Gets the directory that holds this server's files.</summary>
    public string Root => _root;

    public override bool KeepsContent => true;

    public override BlobWriter CreateWriter()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string path = Path.Combine(_root, Interlocked.Increment(ref _nextId).ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + ".blob");
        return new FileBlobWriter(path);
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
}
