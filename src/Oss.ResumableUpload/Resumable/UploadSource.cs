using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// What the engine uploads when the length is known up front: a local file (<see cref="FileUploadSource"/>) or a
/// caller's seekable stream (<see cref="SeekableStreamSource"/>). Both give positioned reads, a change check and a
/// fingerprint; a non-seekable stream has no positioned reads and goes through <see cref="SequentialStreamUploader"/>.
/// </summary>
internal abstract class UploadSource : IDisposable
{
    /// <summary>Gets what logs and checkpoints call the source: the file's full path, or a fixed word for a stream.</summary>
    public abstract string Name { get; }

    /// <summary>Gets the bytes to upload.</summary>
    public abstract long Length { get; }

    /// <summary>Gets the file to stream large parts from, or null when parts must be read into buffers.</summary>
    public abstract SafeFileHandle? FileHandle { get; }

    /// <summary>Opens the request's source: its file, or its seekable stream.</summary>
    public static UploadSource Open(ResumableUploadRequest request)
        => request.UploadStream is { } stream ? SeekableStreamSource.Open(stream, request.UploadStreamIdentity) : FileUploadSource.Open(request.UploadFilePath!);

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/> (relative to the start of the upload); a source that ends early has changed.</summary>
    public abstract ValueTask ReadExactlyAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>True when the source no longer matches what was seen when it was opened.</summary>
    public abstract bool HasChanged();

    /// <exception cref="OssClientException">The source changed (<see cref="OssClientErrorCode.FileChanged"/>).</exception>
    public abstract void EnsureUnchanged();

    /// <summary>The FileChanged exception for this source.</summary>
    public abstract OssClientException CreateChangedException(string change, Exception? innerException = null);

    /// <summary>The fingerprint naming this version of the content in checkpoint keys.</summary>
    public abstract ValueTask<string> ComputeFingerprintAsync(ArrayPool<byte> bufferPool, CancellationToken cancellationToken);

    public abstract void Dispose();
}
