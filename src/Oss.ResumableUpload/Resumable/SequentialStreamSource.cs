using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// Stands for a non-seekable stream in the <see cref="UploadSession"/> that <see cref="SequentialStreamUploader"/>
/// builds for completion and failure handling. Its bytes were read once, into part buffers; nothing can read them
/// again, and a change cannot be seen (the object's CRC-64 is still checked against the bytes that were read).
/// </summary>
internal sealed class SequentialStreamSource(long length) : UploadSource
{
    public override string Name => "(non-seekable stream)";

    public override long Length { get; } = length;

    public override SafeFileHandle? FileHandle => null;

    public override ValueTask ReadExactlyAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
        => throw new InvalidOperationException("A non-seekable stream cannot be read at a position.");

    public override bool HasChanged() => false;

    public override void EnsureUnchanged()
    {
    }

    public override OssClientException CreateChangedException(string change, Exception? innerException = null)
        => new(OssClientErrorCode.FileChanged, $"The upload stream changed while it was being uploaded ({change}).", innerException);

    public override ValueTask<string> ComputeFingerprintAsync(ArrayPool<byte> bufferPool, CancellationToken cancellationToken)
        => throw new InvalidOperationException("A non-seekable stream is never checkpointed.");

    public override void Dispose()
    {
    }
}
