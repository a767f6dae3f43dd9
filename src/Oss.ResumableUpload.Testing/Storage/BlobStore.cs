namespace Oss.ResumableUpload.Testing;

/// <summary>Keeps the bytes of parts and single-request objects, as blobs written once and read many times.</summary>
internal abstract class BlobStore : IDisposable
{
    /// <summary>Gets a value indicating whether blobs can be read back.</summary>
    public abstract bool KeepsContent { get; }

    /// <summary>Starts a new blob. Disposing the writer without <see cref="BlobWriter.CommitAsync"/> throws the bytes away.</summary>
    public abstract BlobWriter CreateWriter();

    public static BlobStore Create(OssTestServerOptions options) => options.StorageMode switch
    {
        OssTestStorageMode.InMemory => new InMemoryBlobStore(),
        OssTestStorageMode.Directory => new DirectoryBlobStore(options.DataDirectory!),
        OssTestStorageMode.Discard => new DiscardBlobStore(),
        OssTestStorageMode.Persistent => new PersistentBlobStore(options.DataDirectory!),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.StorageMode, "Unknown storage mode."),
    };

    public virtual void Dispose()
    {
    }
}

/// <summary>Writes one blob sequentially.</summary>
internal abstract class BlobWriter : IAsyncDisposable
{
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Finishes the blob; its hashes were computed by the caller while the bytes went by.</summary>
    public abstract ValueTask<StoredBlob> CommitAsync(long length, BodyHash hash, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A stored run of bytes with its MD5 and CRC-64.</summary>
internal abstract class StoredBlob(long length, BodyHash hash)
{
    public long Length { get; } = length;

    public Md5Value Md5 { get; } = hash.Md5;

    public ulong Crc64 { get; } = hash.Crc64;

    /// <summary>Opens a seekable read-only stream over the bytes.</summary>
    /// <exception cref="NotSupportedException">The store keeps no content (discard mode).</exception>
    public abstract Stream OpenRead();

    /// <summary>Releases the bytes. The blob must not be read afterwards.</summary>
    public abstract void Delete();
}
