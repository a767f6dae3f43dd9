namespace Oss.ResumableUpload.Testing;

/// <summary>A blob stored as one private file; see <see cref="FileBlobWriter"/>.</summary>
internal sealed class FileBlob(string path, long length, BodyHash hash) : StoredBlob(length, hash)
{
    public string Path { get; } = path;

    public override Stream OpenRead()
        => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, PrivateFiles.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public override void Delete() => PrivateFiles.TryDelete(Path);
}

/// <summary>Streams a blob to a new private file; the file is deleted unless the blob is committed.</summary>
internal sealed class FileBlobWriter(string path) : BlobWriter
{
    private readonly FileStream _file = PrivateFiles.CreateFile(path);
    private bool _committed;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        => _file.WriteAsync(data, cancellationToken);

    public override async ValueTask<StoredBlob> CommitAsync(long length, BodyHash hash, CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
        _committed = true;
        return new FileBlob(path, length, hash);
    }

    public override async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            PrivateFiles.TryDelete(path);
        }
    }
}
