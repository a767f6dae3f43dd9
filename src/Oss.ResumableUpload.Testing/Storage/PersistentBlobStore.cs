namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Blobs as files under <c>DATA/blobs</c>, kept when the store is disposed so that unfinished uploads outlive a
/// restart (<see cref="UploadJournal"/> records which blobs they use and removes the rest). The store holds
/// <c>DATA/.lock</c> open while it runs, so that two servers never share the directory. On Unix the directories are
/// 0700 and the files 0600.
/// </summary>
internal sealed class PersistentBlobStore : BlobStore
{
    private readonly FileStream _lock;
    private int _disposed;

    public PersistentBlobStore(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        BlobDirectory = Path.Combine(DataDirectory, "blobs");
        PrivateFiles.CreateDirectory(DataDirectory);
        PrivateFiles.CreateDirectory(BlobDirectory);
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
        return new FileBlobWriter(Path.Combine(BlobDirectory, Guid.NewGuid().ToString("N") + ".blob"));
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
        return info.Exists && info.Length == length ? new FileBlob(path, length, hash) : null;
    }

    /// <summary>The file name of a blob of this store.</summary>
    public static string FileNameOf(StoredBlob blob) => Path.GetFileName(((FileBlob)blob).Path);

    /// <summary>Deletes every blob file whose name is not in <paramref name="keep"/>.</summary>
    public void DeleteAllExcept(IReadOnlySet<string> keep)
    {
        foreach (string path in System.IO.Directory.EnumerateFiles(BlobDirectory))
        {
            if (!keep.Contains(Path.GetFileName(path)))
            {
                PrivateFiles.TryDelete(path);
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
}
