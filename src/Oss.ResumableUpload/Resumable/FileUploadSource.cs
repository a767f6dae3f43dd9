using Microsoft.Win32.SafeHandles;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The local file being uploaded: one read handle for the whole upload, the size and last-write time seen when it
/// was opened, and the check that they still hold. The handle shares read, write and delete, so the upload never
/// blocks another program; a change is detected instead and fails the upload with FileChanged.
/// </summary>
internal sealed class FileUploadSource : UploadSource
{
    private FileUploadSource(string fullPath, SafeFileHandle handle, long length, DateTime lastWriteTimeUtc)
    {
        FullPath = fullPath;
        Handle = handle;
        Length = length;
        LastWriteTimeUtc = lastWriteTimeUtc;
    }

    public string FullPath { get; }

    public SafeFileHandle Handle { get; }

    public override string Name => FullPath;

    public override SafeFileHandle? FileHandle => Handle;

    public override long Length { get; }

    public DateTime LastWriteTimeUtc { get; }

    /// <summary>Opens a regular file (or a symbolic link to one) for the upload.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    /// <exception cref="ArgumentException">The path is a directory, a FIFO, a socket or a device.</exception>
    public static FileUploadSource Open(string path)
    {
        string fullPath = Path.GetFullPath(path);

        // Checked before opening (a FIFO would block open(2)) and again on the handle, in case the path was swapped.
        UploadRequestValidator.EnsureRegularFile(fullPath, nameof(path));

        // The time first: a write after it shows as a newer time at the next check.
        DateTime lastWrite = File.GetLastWriteTimeUtc(fullPath);
        SafeFileHandle handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        try
        {
            if (LocalFileProbe.Probe(handle) is LocalFileKind.Directory or LocalFileKind.Other)
            {
                throw new ArgumentException(UploadRequestValidator.NotRegularMessage(fullPath), nameof(path));
            }

            return new FileUploadSource(fullPath, handle, RandomAccess.GetLength(handle), lastWrite);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; a file that ends early has changed.</summary>
    public override async ValueTask ReadExactlyAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await RandomAccess.ReadAsync(Handle, buffer[filled..], offset + filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw CreateChangedException("it became shorter");
            }

            filled += read;
        }
    }

    /// <summary>True when the file's size or last-write time differs from when it was opened, or the path is gone.</summary>
    public override bool HasChanged() => DescribeChange() is not null;

    /// <exception cref="OssClientException">The file changed (<see cref="OssClientErrorCode.FileChanged"/>).</exception>
    public override void EnsureUnchanged()
    {
        if (DescribeChange() is string change)
        {
            throw CreateChangedException(change);
        }
    }

    public override ValueTask<string> ComputeFingerprintAsync(System.Buffers.ArrayPool<byte> bufferPool, CancellationToken cancellationToken)
        => FileFingerprint.ComputeAsync(this, bufferPool, cancellationToken);

    public override OssClientException CreateChangedException(string change, Exception? innerException = null)
        => new(
            OssClientErrorCode.FileChanged,
            $"The file '{FullPath}' changed while it was being uploaded ({change}). No object was completed from mixed content; upload it again.",
            innerException);

    public override void Dispose() => Handle.Dispose();

    private string? DescribeChange()
    {
        long length = RandomAccess.GetLength(Handle);
        if (length != Length)
        {
            return $"its size went from {Length} to {length} bytes";
        }

        if (!File.Exists(FullPath))
        {
            return "it was deleted or moved";
        }

        DateTime lastWrite = File.GetLastWriteTimeUtc(FullPath);
        return lastWrite != LastWriteTimeUtc ? "its last-write time changed" : null;
    }
}
