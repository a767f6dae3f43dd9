namespace Oss.ResumableUpload.Testing;

/// <summary>Keeps nothing but the sizes and hashes the caller computed.</summary>
internal sealed class DiscardBlobStore : BlobStore
{
    public override bool KeepsContent => false;

    public override BlobWriter CreateWriter() => new Writer();

    private sealed class Writer : BlobWriter
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public override ValueTask<StoredBlob> CommitAsync(long length, BodyHash hash, CancellationToken cancellationToken)
            => ValueTask.FromResult<StoredBlob>(new Blob(length, hash));

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Blob(long length, BodyHash hash) : StoredBlob(length, hash)
    {
        public override Stream OpenRead() => throw new NotSupportedException("The server runs in Discard storage mode and keeps no content.");

        public override void Delete()
        {
        }
    }
}
